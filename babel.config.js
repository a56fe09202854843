// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI is imported on demand: `import { Button } from '@nutui/nutui-react-taro'` becomes
// the component's own module plus its CSS (folders are lower-case without dashes).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
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
