#!/usr/bin/env node
/**
 * `npm test`: makes the production builds the tests need (H5, which the browser tests drive;
 * weapp and alipay, whose package sizes the size test checks), then runs every Jest project
 * once and prints one line `N passed, N failed` summed over all of them.
 * SKIP_BUILDS=1 reuses the builds already in dist/.
 */
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const resultsFile = path.join(root, 'test', 'results.json')
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status

const BUILDS = [
  ['h5', 'index.html'],
  ['weapp', 'app.json'],
  ['alipay', 'app.json']
]
for (const [platform, marker] of BUILDS) {
  if (process.env.SKIP_BUILDS === '1' && fs.existsSync(path.join(root, 'dist', platform, marker))) continue
  if (run('npx', ['taro', 'build', '--type', platform], { NODE_ENV: 'production' }) !== 0) {
    console.error(`${platform} build failed`)
    fs.writeFileSync(resultsFile, JSON.stringify({ passed: 0, failed: 1, suites: [{ file: `build:${platform}`, status: 'failed' }] }, null, 2))
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

/**
 * Two Jest runs: the Node projects need --experimental-vm-modules (PGlite and @fastify/cookie
 * load parts of themselves with dynamic import()); the app project must run without it,
 * because under that flag Jest refuses to require the .mjs files Taro's components ship.
 */
const runs = [
  { projects: ['types', 'server', 'e2e', 'size'], nodeOptions: '--experimental-vm-modules' },
  { projects: ['app'], nodeOptions: '' }
]
const args = process.argv.slice(2)
let status = 0
let passed = 0
let failed = 0
const suites = []
for (const [i, { projects, nodeOptions }] of runs.entries()) {
  const out = path.join(root, 'test', `results.${i}.json`)
  fs.rmSync(out, { force: true })
  const code = run('npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...args], {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, nodeOptions].filter(Boolean).join(' ')
  })
  if (code !== 0) status = code
  if (!fs.existsSync(out)) {
    failed += 1
    continue
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)
  suites.push(...r.testResults.map((t) => ({ file: path.relative(root, t.name), status: t.status })))
  fs.rmSync(out)
}
fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, suites }, null, 2))
console.log(`${passed} passed, ${failed} failed`)
process.exit(status === 0 && failed === 0 ? 0 : 1)
