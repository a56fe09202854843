/** Stops the server globalSetup started (its whole process group) and removes its data. */
const fs = require('fs')

module.exports = async function globalTeardown() {
  const server = globalThis.__APP_TEST_SERVER__
  if (!server) return
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {
    /* already gone */
  }
  // Give it a moment to close PGlite, then make sure it is gone.
  await new Promise((r) => setTimeout(r, 1000))
  try {
    process.kill(-server.pid, 'SIGKILL')
  } catch {
    /* already gone */
  }
  if (process.env.APP_TEST_KEEP_DATA !== '1') fs.rmSync(server.dir, { recursive: true, force: true })
}
