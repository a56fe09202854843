/**
 * One Jest config, six projects: types, server and tooling (the lint rules and the test helpers) run in Node with plain Babel;
 * app uses @tarojs/test-utils-react; e2e drives the built H5 app in Chromium; size
 * checks the package sizes of the weapp and alipay builds.
 */
const nodeTransform = {
  '^.+\\.[tj]sx?$': [
    'babel-jest',
    { configFile: false, babelrc: false, presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'] }
  ]
}

const nodeProject = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform: nodeTransform,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  // typebox ships ES modules only, which Jest 29 will not require: Node loads it (test/support/typebox.cjs)
  moduleNameMapper: { '^typebox$': '<rootDir>/test/support/typebox.cjs' },
  ...extra
})

module.exports = {
  testTimeout: 60000,
  projects: [
    nodeProject('types'),
    nodeProject('server', {
      globalSetup: '<rootDir>/test/server/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/server/setup/global-teardown.ts'
    }),
    require('./test/app/jest.config.js'),
    nodeProject('e2e'),
    nodeProject('size'),
    nodeProject('tooling')
  ]
}
