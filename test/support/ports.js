/**
 * Ports for the servers tests start (CommonJS, for the app project's setup as well as the
 * TypeScript helpers). A port found free can be taken by another process on a busy machine
 * before the server listens on it: `retryWhilePortTaken` then starts it again on other ports.
 */
const net = require('node:net')

/** A port nothing listens on now, on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const ATTEMPTS = 3

/** `start()`, which takes new ports from freePort() each time, again while it fails with EADDRINUSE (at most 3 attempts). */
async function retryWhilePortTaken(start) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start()
    } catch (err) {
      if (attempt === ATTEMPTS || !/EADDRINUSE/.test(String(err && err.message))) throw err
    }
  }
}

module.exports = { freePort, retryWhilePortTaken }
