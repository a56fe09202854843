// axios's parts no request of this app reaches, left out of the mini-program builds
// (config/index.ts): the legacy CancelToken and the HttpStatusCode table, which axios only hangs
// on its default export (src/services/http.ts uses an axios.create instance and neither), and
// FormData → JSON, which runs only for FormData bodies (uploads go through Taro.uploadFile, not
// axios). Calling or constructing it throws; axios.HttpStatusCode has no entries.
export default function leftOut() {
  throw new Error('not in this build: config/shims/axios-unused.js')
}
