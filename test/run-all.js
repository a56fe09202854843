#!/usr/bin/env node
/**
 * `npm test`: every check, three at a time (TASKS below): the production builds the tests need
 * (H5, which the browser tests drive; weapp and alipay, whose package sizes the size test
 * checks) and the Jest projects that need them (e2e, size); the type check (tsc) and ESLint;
 * the Jest projects that need no build (types, server, tooling, app); and the calendar: the
 * date-sensitive suites (test/calendar.js) again under fixed clocks and other machine time
 * zones, by libfaketime.
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
/** Tasks run side by side: two cores, and much of a test run waits on a browser, a server or a database. */
const SLOTS = Number(process.env.TEST_SLOTS ?? 3)

/**
 * How long one run may take before it is taken for hung (a process it started that never
 * stops keeps Jest from exiting): killed with everything it started, and counted as a failure.
 */
const RUN_LIMIT_MS = Number(process.env.TEST_RUN_LIMIT_MIN ?? 20) * 60_000
const HUNG = 124
/** The process groups running now, stopped with npm test itself. */
const groups = new Set()
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of groups) killGroup(pid)
    process.exit(1)
  })
}
function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // gone already
  }
}

/** The last lines each step printed, to show where a run ended without results. */
const TAIL_LINES = 30
const tails = new Map()

/** Runs a command with its output prefixed by the step's name; resolves to its exit code (HUNG past the limit). */
function run(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    // its own process group, so that a hung run can be stopped with all it started
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    groups.add(child.pid)
    let hung = false
    const limit = setTimeout(() => {
      hung = true
      process.stdout.write(`[${name}] still running after ${RUN_LIMIT_MS / 60_000} min: taken for hung, stopped with everything it started\n`)
      killGroup(child.pid)
    }, RUN_LIMIT_MS)
    for (const stream of [child.stdout, child.stderr]) {
      let rest = ''
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n')
        rest = lines.pop()
        for (const line of lines) process.stdout.write(`[${name}] ${line}\n`)
        tails.set(name, [...(tails.get(name) ?? []), ...lines].slice(-TAIL_LINES))
      })
      stream.on('end', () => rest && process.stdout.write(`[${name}] ${rest}\n`))
    }
    child.on('close', (code) => {
      clearTimeout(limit)
      groups.delete(child.pid)
      resolve(hung ? HUNG : (code ?? 1))
    })
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
const jest = (name, projects, { env = {}, paths = [], ignore = [] } = {}) =>
  timed(name, async () => {
    const out = path.join(root, 'test', `results.${name.replace(/[^\w-]+/g, '_')}.json`)
    fs.rmSync(out, { force: true })
    const vm = projects.includes('app') ? '' : '--experimental-vm-modules'
    const code = await run(name, 'npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...(paths.length ? ['--testPathPattern', paths.join('|')] : []), ...(ignore.length ? ['--testPathIgnorePatterns', ...ignore] : []), ...jestArgs], {
      ...env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, vm].filter(Boolean).join(' ')
    })
    // A run taken for hung counts one failure, beside what it had written (Jest writes its results before it waits to exit).
    const hung = code === HUNG ? 1 : 0
    if (hung) suites.push({ file: name, status: 'failed', message: `did not finish within ${RUN_LIMIT_MS / 60_000} min` })
    if (!fs.existsSync(out)) {
      // Jest stopped before its results (a failing globalSetup, a crash): what it printed last says why.
      suites.push({ file: name, status: 'failed', message: `Jest wrote no results (exit code ${code}); its last lines:\n${(tails.get(name) ?? []).join('\n')}` })
      return { passed: 0, failed: 1 }
    }
    const r = JSON.parse(fs.readFileSync(out, 'utf8'))
    fs.rmSync(out)
    suites.push(
      ...r.testResults.map((t) => ({
        file: path.relative(root, t.name),
        run: name,
        status: t.status,
        seconds: (t.endTime - t.startTime) / 1000,
        failures: t.assertionResults.filter((a) => a.status === 'failed').map((a) => ({ name: a.fullName, message: a.failureMessages.join('\n').slice(0, 2000) })),
        // A suite that failed before any test ran (a syntax error, a failing beforeAll) has only a message.
        message: t.status === 'failed' ? t.message.slice(0, 2000) : undefined
      }))
    )
    return { passed: r.numPassedTests, failed: hung + r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) + (r.numTotalTestSuites === 0 ? 1 : 0) }
  })

/** A production build; passes when it builds. SKIP_BUILDS=1 keeps one already in dist/. */
const build = (platform) => async () => {
  const marker = path.join(root, 'dist', platform, platform === 'h5' ? 'index.html' : 'app.json')
  if (process.env.SKIP_BUILDS === '1' && fs.existsSync(marker)) return true
  let ok = false
  await timed(`build:${platform}`, async () => {
    ok = (await run(`build:${platform}`, 'npx', ['taro', 'build', '--type', platform], { NODE_ENV: 'production' })) === 0
    suites.push({ file: `build:${platform}`, status: ok ? 'passed' : 'failed' })
    return { passed: 0, failed: ok ? 0 : 1 }
  })
  return ok
}

/** The calendar's runs: each clock, each group of suites. */
function calendarTasks() {
  if (!fs.existsSync(FAKETIME_LIB)) {
    console.error(`libfaketime is missing (${FAKETIME_LIB}): apt-get install -y faketime (.ci/run does)`)
    return [{ name: 'calendar', run: async () => steps.push({ name: 'calendar', seconds: 0, passed: 0, failed: 1 }) }]
  }
  return CLOCKS.flatMap((clock) => {
    const env = { LD_PRELOAD: FAKETIME_LIB, FAKETIME_FMT: '%s', FAKETIME: `@${Date.parse(clock.at) / 1000}`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: clock.zone }
    return CALENDAR_SUITES.map(([projects, paths]) => {
      const name = `calendar ${clock.at} ${clock.zone} ${projects.join('+')}`
      return { name, run: () => jest(name, projects, { env, paths }) }
    })
  })
}

/**
 * Every task, longest chain first; `after` names the tasks whose success it needs. A task
 * whose prerequisite failed is not run (the failed build already counts one failure).
 */
/**
 * The longest Jest runs are split, so that no single run holds the end of the whole: the
 * end-to-end walks that start their own product processes (or nginx), the other long walks,
 * and the server suites that load the database with thousands of rows or requests, run apart
 * from the rest of their project.
 */
const E2E_OWN_PRODUCTS = ['test/e2e/(journey|scale-out|crash-restart|production-mode)\\.test']
/** The other long walks (a bureau's studio, the other notices, the recommending unit's desk). */
const E2E_LONG_WALKS = ['test/e2e/(studio|other-campaigns|recommend|first-paint-contrast)\\.test']
const SERVER_HEAVY = ['test/server/(hostile-input|reminders-queue|upload-limits|export)\\.test']

/** In the order they start as slots free up: the longest chains first, the short checks last. */
const TASKS = [
  { name: 'build:h5', run: build('h5') },
  { name: 'types+server+tooling', run: () => jest('types+server+tooling', ['types', 'server', 'tooling'], { ignore: SERVER_HEAVY }) },
  { name: 'app', run: () => jest('app', ['app']) },
  { name: 'e2e (own products)', after: ['build:h5'], run: () => jest('e2e (own products)', ['e2e'], { paths: E2E_OWN_PRODUCTS }) },
  { name: 'e2e (long walks)', after: ['build:h5'], run: () => jest('e2e (long walks)', ['e2e'], { paths: E2E_LONG_WALKS }) },
  { name: 'e2e', after: ['build:h5'], run: () => jest('e2e', ['e2e'], { ignore: [...E2E_OWN_PRODUCTS, ...E2E_LONG_WALKS] }) },
  { name: 'server (heavy)', run: () => jest('server (heavy)', ['server'], { paths: SERVER_HEAVY }) },
  { name: 'build:weapp', run: build('weapp') },
  { name: 'build:alipay', run: build('alipay') },
  { name: 'size', after: ['build:weapp', 'build:alipay'], run: () => jest('size', ['size']) },
  { name: 'tsc', run: () => check('tsc', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) },
  { name: 'eslint', run: () => check('eslint', 'npx', ['eslint', '.']) },
  ...calendarTasks()
]

/** Runs the tasks in SLOTS side by side, each as soon as a slot is free and its prerequisites are done. */
async function runTasks(tasks) {
  const outcome = new Map() // name → true (passed or not a build) | false (failed build)
  const waiting = [...tasks]
  const running = new Set()
  return new Promise((resolve) => {
    const next = () => {
      for (let i = 0; i < waiting.length && running.size < SLOTS; ) {
        const task = waiting[i]
        const deps = (task.after ?? []).map((d) => outcome.get(d))
        if (deps.includes(false)) {
          waiting.splice(i, 1)
          outcome.set(task.name, false)
          continue
        }
        if (deps.includes(undefined)) {
          i++
          continue
        }
        waiting.splice(i, 1)
        const p = Promise.resolve(task.run()).then((ok) => {
          outcome.set(task.name, ok !== false)
          running.delete(p)
          next()
        })
        running.add(p)
      }
      if (!running.size) resolve()
    }
    next()
  })
}

/** The first lines of a failure message, without colour codes, indented. */
const excerpt = (message, lines = 12) =>
  message
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, lines)
    .map((l) => `        ${l}`)
    .join('\n')

async function main() {
  const started = Date.now()
  await runTasks(TASKS)
  const passed = steps.reduce((n, s) => n + s.passed, 0)
  const failed = steps.reduce((n, s) => n + s.failed, 0)
  fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, seconds: (Date.now() - started) / 1000, steps, suites }, null, 2))
  console.log(`\nWhere the time went (${SLOTS} at a time):`)
  for (const s of steps) console.log(`  ${s.seconds.toFixed(1).padStart(6)} s  ${s.name}  (${s.passed} passed, ${s.failed} failed)`)
  console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  in all`)
  // What failed, last, where a CI log's tail shows it.
  const failedSuites = suites.filter((s) => s.status === 'failed')
  if (failedSuites.length) console.log('\nFailed:')
  for (const s of failedSuites) {
    console.log(`  ${s.file}${s.run ? ` (${s.run})` : ''}`)
    for (const f of s.failures ?? []) console.log(`    ✕ ${f.name}\n${excerpt(f.message)}`)
    if (!s.failures?.length && s.message) console.log(excerpt(s.message, TAIL_LINES + 1))
  }
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main()
