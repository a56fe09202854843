#!/usr/bin/env node
/**
 * `npm test`: builds the H5 app (the browser tests drive it), then runs every Jest
 * project once and prints one line `N passed, N failed` summed over all of them.
 * SKIP_H5_BUILD=1 reuses an existing dist/h5.
 */
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const resultsFile = path.join(root, 'test', 'results.json')
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status

if (process.env.SKIP_H5_BUILD !== '1' || !fs.existsSync(path.join(root, 'dist/h5/index.html'))) {
  const status = run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
  if (status !== 0) {
    console.error('H5 build failed')
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

fs.rmSync(resultsFile, { force: true })
const status = run('npx', ['jest', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  // PGlite loads parts of itself with dynamic import(), which Jest allows only with this flag.
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ')
})

let passed = 0
let failed = 0
if (fs.existsSync(resultsFile)) {
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
  passed = r.numPassedTests
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)
} else {
  failed = 1
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(status === 0 && failed === 0 ? 0 : 1)
