/**
 * The app's tests: pages and features rendered with @tarojs/test-utils-react in jsdom,
 * talking over HTTP to the REAL server, which globalSetup starts on a free port with a
 * fresh data folder. Nothing of ours is mocked; only platform APIs (e.g. makePhoneCall)
 * are spied on.
 */
const path = require('path')
const defineJestConfig = require('@tarojs/test-utils-react/dist/jest.js').default

const here = (p) => path.join(__dirname, p)

const config = defineJestConfig({
  displayName: 'app',
  // Absolute: this config is inlined into the root config's `projects`.
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/test/app/**/*.test.tsx'],
  testEnvironment: here('setup/environment.js'),
  // pretendToBeVisual gives jsdom requestAnimationFrame, which Taro's web components render with.
  testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'], pretendToBeVisual: true },
  globalSetup: here('setup/global-setup.js'),
  globalTeardown: here('setup/global-teardown.js'),
  setupFiles: [
    require.resolve('@tarojs/test-utils-react/dist/jest/jest.setup.js'),
    require.resolve('jest-canvas-mock'),
    here('setup/taro-first.js')
  ],
  setupFilesAfterEnv: [here('setup/after-env.js')],
  transform: {
    '^.+\\.(mjs|js|jsx|ts|tsx)$': require.resolve('@tarojs/test-utils-react/dist/jest/babel-transformer.js')
  },
  // taro-h5 ships a node_modules folder of its own, so anchor at the project's.
  transformIgnorePatterns: [
    '^<rootDir>/node_modules/(?!(@tarojs|@nutui|@stencil|swiper|query-string|decode-uri-component|split-on-first|filter-obj|lodash-es)/)'
  ],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  moduleNameMapper: {
    '^typebox$': here('../support/typebox.cjs'),
    '\\.(css|scss|sass|less)$': here('setup/style-stub.js')
  }
})

// Global-only options the Taro preset sets; Jest warns about them inside a project.
delete config.bail
delete config.verbose

module.exports = config
