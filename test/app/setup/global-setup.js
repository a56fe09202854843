/**
 * Starts the real server (tsx server/main.ts) on free ports with a fresh data folder and
 * waits for GET /api/health. Its base URL reaches the test workers as APP_TEST_API_BASE.
 */
const { spawn } = require('child_process')
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')

const ROOT = path.resolve(__dirname, '../../..')
const START_TIMEOUT_MS = 120000

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

async function waitForHealth(base, child, logFile) {
  const started = Date.now()
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${base}/api/health`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : ''
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    /* already gone */
  }
  throw new Error(`server did not become healthy at ${base} (exit code ${child.exitCode}). Log tail:\n${log}`)
}

module.exports = async function globalSetup() {
  const port = await freePort()
  const idpPort = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-test-'))
  const logFile = path.join(dir, 'server.log')
  const out = fs.openSync(logFile, 'a')
  const base = `http://127.0.0.1:${port}`
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    detached: true, // own process group, so teardown stops tsx and the server it runs
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: path.join(dir, 'data'),
      DEV_IDP_PORT: String(idpPort),
      DEV_IDP_EXTRA_ACCOUNTS: path.join(ROOT, 'test/support/idp-accounts.json'),
      // every app test signs in against this one server from one address: the limits are the server tests' business
      SIGN_IN_MAX_PER_ADDRESS: '100000',
      SIGN_IN_MAX_PER_ACCOUNT: '100000',
      H5_DIR: path.join(dir, 'no-h5')
    }
  })
  globalThis.__APP_TEST_SERVER__ = { pid: child.pid, dir }
  await waitForHealth(base, child, logFile)
  process.env.APP_TEST_API_BASE = base
  process.env.APP_TEST_SERVER_LOG = logFile
}
