/** Stops the server globalSetup started and removes its data (kept with APP_TEST_KEEP_DATA=1). */
module.exports = async function globalTeardown() {
  await globalThis.__APP_TEST_SERVER__?.stop(process.env.APP_TEST_KEEP_DATA === '1')
}
