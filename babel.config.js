// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI is imported on demand: `import { Button } from '@nutui/nutui-react-taro'` becomes
// the component's own module plus its CSS (folders are lower-case without dashes).
//
// Targets: the JavaScript engines that run the app. WeChat and Alipay now need iOS 12 or later, and
// run mini-programs on Android in their own recent V8; browsers older than these cannot run React 18
// anyway. async/await, classes and spread then ship as written instead of as regenerator state
// machines and helpers (smaller packages, less script to evaluate on the H5 first screen).
const TARGETS = 'ios >= 12, safari >= 12, chrome >= 66, firefox >= 60, edge >= 79'

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: TARGETS }]],
  plugins: [
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
