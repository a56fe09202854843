// The app talks to a real server (and the first run transforms node_modules): allow time.
jest.setTimeout(60000)

// @tarojs/test-utils-react calls react-dom/test-utils' act, which React 18.3 flags as deprecated
// on every render. That warning is about the test library, not the app: keep it out of the output.
const consoleError = console.error
console.error = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('ReactDOMTestUtils.act')) return
  consoleError(...args)
}

// As the H5 build's entry does: hand Taro's React runtime the React in use, so the page hooks
// (usePullDownRefresh, useShareAppMessage, …) work in screens rendered by the tests.
require('@tarojs/plugin-framework-react/dist/runtime').createH5NativeComponentConfig(null, require('react'), require('react-dom'))
