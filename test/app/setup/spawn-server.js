/**
 * Starts the real server (tsx server/main.ts) on free ports with a fresh data folder, in its own
 * process group, and waits for GET /api/health: the app tests' one server (globalSetup) and the
 * recommender tests' own ones (support/recommend.tsx).
 */
const { spawn } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')
const { createTestSchema } = require('../../support/test-schema')
const { freePort, retryWhilePortTaken } = require('../../support/ports')

const ROOT = path.resolve(__dirname, '../../..')
const START_TIMEOUT_MS = 180000

/**
 * `prefix` names its temporary folder; `env` adds to the test environment the server runs with.
 * Its database: a private schema on the PostgreSQL server of TEST_DATABASE_URL when that is set,
 * the embedded PGlite in the folder otherwise.
 */
function spawnServer(prefix, env = {}) {
  return retryWhilePortTaken(() => spawnOnce(prefix, env))
}

async function spawnOnce(prefix, env) {
  const port = await freePort()
  const idpPort = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const schema = process.env.TEST_DATABASE_URL ? await createTestSchema(process.env.TEST_DATABASE_URL) : null
  const logFile = path.join(dir, 'server.log')
  const out = fs.openSync(logFile, 'a')
  const base = `http://127.0.0.1:${port}`
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    detached: true, // own process group, so stop() ends tsx and the server it runs
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: schema?.url ?? '',
      DEV_IDP_PORT: String(idpPort),
      H5_DIR: path.join(dir, 'no-h5'),
      ...env
    }
  })
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal)
    } catch {
      /* already gone */
    }
  }
  const started = Date.now()
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null || Date.now() - started > START_TIMEOUT_MS) {
      kill('SIGKILL')
      await schema?.drop()
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : ''
      throw new Error(`server did not become healthy at ${base} (exit code ${child.exitCode}). Log tail:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    base,
    logFile,
    /** Stops it (a moment to close its database, then for sure) and removes its data unless `keepData`. */
    async stop(keepData = false) {
      kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 1000))
      kill('SIGKILL')
      if (keepData) return
      fs.rmSync(dir, { recursive: true, force: true })
      await schema?.drop()
    }
  }
}

module.exports = { spawnServer }
