/**
 * jsdom lacks fetch; Taro's H5 request uses it. Give the page Node's own fetch (undici),
 * so requests really reach the server over HTTP, with no CORS or cookie emulation.
 */
const JsdomModule = require('jest-environment-jsdom')
const JSDOMEnvironment = JsdomModule.TestEnvironment || JsdomModule.default || JsdomModule

const FROM_NODE = ['fetch', 'Headers', 'Request', 'Response', 'FormData', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder']

class AppTestEnvironment extends JSDOMEnvironment {
  constructor(config, context) {
    super(config, context)
    for (const name of FROM_NODE) if (globalThis[name]) this.global[name] = globalThis[name]
  }
}

module.exports = AppTestEnvironment
