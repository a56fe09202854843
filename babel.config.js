const path = require('node:path')

// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI is imported on demand: `import { Button } from '@nutui/nutui-react-taro'` becomes
// the component's own module plus its CSS (folders are lower-case without dashes).
//
// Targets: the JavaScript engines that run the app. WeChat and Alipay now need iOS 12 or later, and
// run mini-programs on Android in their own recent V8; browsers older than these cannot run React 18
// anyway. async/await, classes and spread then ship as written instead of as regenerator state
// machines and helpers (smaller packages, less script to evaluate on the H5 first screen).
const TARGETS = 'ios >= 12, safari >= 12, chrome >= 66, firefox >= 60, edge >= 79'

// preset-env's `bugfixes` mode, which babel-preset-taro does not pass on: iOS / Safari below 16.3
// would otherwise get every destructuring, default parameter and template literal rewritten into
// helpers (slicedToArray, arguments[i] …) for three narrow engine bugs; the bugfix plugins below
// rewrite only the code those bugs hit (≈ 10 KB less in each mini-program main package).
const presetEnvDir = path.dirname(require.resolve('@babel/preset-env/package.json'))
const bugfix = (name) => require.resolve(name, { paths: [presetEnvDir] })

module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: TARGETS, exclude: ['transform-parameters', 'transform-destructuring', 'transform-template-literals'] }]
  ],
  plugins: [
    bugfix('@babel/plugin-bugfix-safari-id-destructuring-collision-in-function-expression'),
    bugfix('@babel/plugin-bugfix-safari-rest-destructuring-rhs-array'),
    bugfix('@babel/preset-modules/lib/plugins/transform-tagged-template-caching'),
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: 'css'
      },
      'nutui-react-taro'
    ]
  ]
}
