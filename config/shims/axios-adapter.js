// axios's XMLHttpRequest and fetch adapters, replaced in every build (config/index.ts):
// every request goes through the adapter on Taro.request (src/services/http.ts), and the
// mini-programs have neither XMLHttpRequest nor fetch. Same exports, nothing to offer.
export default null
export const getFetch = () => null
