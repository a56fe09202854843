/**
 * Starts the real server (setup/spawn-server.js) for every app test. Its base URL reaches the
 * test workers as APP_TEST_API_BASE; globalTeardown stops it.
 */
const path = require('path')
const { spawnServer } = require('./spawn-server')

module.exports = async function globalSetup() {
  const server = await spawnServer('app-test-', {
    DEV_IDP_EXTRA_ACCOUNTS: path.resolve(__dirname, '../../support/idp-accounts.json'),
    // every app test signs in against this one server from one address: the limits are the server tests' business
    SIGN_IN_MAX_PER_ADDRESS: '100000',
    SIGN_IN_MAX_PER_ACCOUNT: '100000'
  })
  globalThis.__APP_TEST_SERVER__ = server
  process.env.APP_TEST_API_BASE = server.base
  process.env.APP_TEST_SERVER_LOG = server.logFile
}
