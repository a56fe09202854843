// What Taro's H5 request API (@tarojs/taro-h5 api/network/request) imports for browsers the H5
// build does not serve, replaced in the H5 build (config/index.ts): the whatwg-fetch polyfill
// (every browser with ES2017 has fetch) and jsonp-retry (no request of the app is JSONP).
export default function jsonp() {
  throw new Error('JSONP is not used by this app (config/shims/no-polyfill.js)')
}
