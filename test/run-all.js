#!/usr/bin/env node
/**
 * `npm test`: every check, in two lanes that run side by side (this machine has two cores):
 *
 *   builds: the production builds the tests need (H5, which the browser tests drive; weapp and
 *           alipay, whose package sizes the size test checks), then the Jest projects that
 *           need them (e2e, size)
 *   checks: the type check (tsc) and ESLint, the Jest projects that need no build (types,
 *           server, tooling, app), then the calendar: the date-sensitive suites (test/calendar.js)
 *           again under fixed clocks and other machine time zones, by libfaketime
 *
 * It prints where the time went and ends with one line `N passed, N failed` summed over every
 * run (tsc and ESLint count one each). SKIP_BUILDS=1 reuses the builds already in dist/.
 * Extra arguments go to every Jest run (e.g. a test path pattern).
 */
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { CLOCKS, CALENDAR_SUITES, FAKETIME_LIB } = require('./calendar')

const root = path.join(__dirname, '..')
const resultsFile = path.join(root, 'test', 'results.json')
const jestArgs = process.argv.slice(2)

/** Runs a command with its output prefixed by the step's name; resolves to its exit code. */
function run(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    for (const stream of [child.stdout, child.stderr]) {
      let rest = ''
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n')
        rest = lines.pop()
        for (const line of lines) process.stdout.write(`[${name}] ${line}\n`)
      })
      stream.on('end', () => rest && process.stdout.write(`[${name}] ${rest}\n`))
    }
    child.on('close', (code) => resolve(code ?? 1))
  })
}

const steps = []
const suites = []

async function timed(name, fn) {
  const started = Date.now()
  const { passed, failed } = await fn()
  steps.push({ name, seconds: (Date.now() - started) / 1000, passed, failed })
}

/** A command that is one check: passed when it exits 0. */
const check = (name, cmd, args) =>
  timed(name, async () => {
    const ok = (await run(name, cmd, args)) === 0
    suites.push({ file: name, status: ok ? 'passed' : 'failed' })
    return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 }
  })

/**
 * One Jest run. Projects on Node need --experimental-vm-modules (PGlite and @fastify/cookie
 * load parts of themselves with import()); the app project must run without it, because under
 * that flag Jest refuses to require the .mjs files Taro's components ship.
 */
const jest = (name, projects, { env = {}, paths = [] } = {}) =>
  timed(name, async () => {
    const out = path.join(root, 'test', `results.${name.replace(/[^\w-]+/g, '_')}.json`)
    fs.rmSync(out, { force: true })
    const vm = projects.includes('app') ? '' : '--experimental-vm-modules'
    await run(name, 'npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...(paths.length ? ['--testPathPattern', paths.join('|')] : []), ...jestArgs], {
      ...env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, vm].filter(Boolean).join(' ')
    })
    if (!fs.existsSync(out)) return { passed: 0, failed: 1 }
    const r = JSON.parse(fs.readFileSync(out, 'utf8'))
    fs.rmSync(out)
    suites.push(...r.testResults.map((t) => ({ file: path.relative(root, t.name), run: name, status: t.status })))
    return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) + (r.numTotalTestSuites === 0 ? 1 : 0) }
  })

async function buildLane() {
  for (const [platform, marker] of [['h5', 'index.html'], ['weapp', 'app.json'], ['alipay', 'app.json']]) {
    if (process.env.SKIP_BUILDS === '1' && fs.existsSync(path.join(root, 'dist', platform, marker))) continue
    let ok = false
    await timed(`build:${platform}`, async () => {
      ok = (await run(`build:${platform}`, 'npx', ['taro', 'build', '--type', platform], { NODE_ENV: 'production' })) === 0
      suites.push({ file: `build:${platform}`, status: ok ? 'passed' : 'failed' })
      return { passed: 0, failed: ok ? 0 : 1 }
    })
    if (!ok) return
  }
  await jest('e2e+size', ['e2e', 'size'])
}

async function checkLane() {
  await check('tsc', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
  await check('eslint', 'npx', ['eslint', '.'])
  await jest('types+server+tooling', ['types', 'server', 'tooling'])
  await jest('app', ['app'])
  if (!fs.existsSync(FAKETIME_LIB)) {
    console.error(`libfaketime is missing (${FAKETIME_LIB}): apt-get install -y faketime (.ci/run does)`)
    steps.push({ name: 'calendar', seconds: 0, passed: 0, failed: 1 })
    return
  }
  for (const clock of CLOCKS) {
    const env = { LD_PRELOAD: FAKETIME_LIB, FAKETIME_FMT: '%s', FAKETIME: `@${Date.parse(clock.at) / 1000}`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: clock.zone }
    for (const [projects, paths] of CALENDAR_SUITES) await jest(`calendar ${clock.at} ${clock.zone} ${projects.join('+')}`, projects, { env, paths })
  }
}

async function main() {
  const started = Date.now()
  await Promise.all([buildLane(), checkLane()])
  const passed = steps.reduce((n, s) => n + s.passed, 0)
  const failed = steps.reduce((n, s) => n + s.failed, 0)
  fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, seconds: (Date.now() - started) / 1000, steps, suites }, null, 2))
  console.log('\nWhere the time went (the two lanes overlap):')
  for (const s of steps) console.log(`  ${s.seconds.toFixed(1).padStart(6)} s  ${s.name}  (${s.passed} passed, ${s.failed} failed)`)
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  in all`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main()
