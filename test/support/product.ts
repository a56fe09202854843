/**
 * The product as a user meets it: the real server process (local identity provider, seeded
 * campaigns) serving the built H5 app, driven by Debian's Chromium through playwright-core.
 * Its database: a private schema on the PostgreSQL server of TEST_DATABASE_URL when that is
 * set, the embedded PGlite in a fresh folder otherwise, or what `env.DATABASE_URL` names
 * (empty: PGlite).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { freePort, retryWhilePortTaken } from './ports'
import { createTestSchema, type TestSchema } from './test-schema'

const ROOT = path.join(__dirname, '../..')
export const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts')

export interface Product {
  url: string
  /** The embedded database's folder (kept when `keepData` was set). */
  dataDir: string
  close(): Promise<void>
  /** Kills the server process at once (SIGKILL), as a crash would. */
  crash(): Promise<void>
}

/**
 * A copy of the built H5 app (waiting for a build under way): other work may rebuild dist/h5
 * meanwhile, and a page reload must find the same chunks it started with.
 */
export async function snapshotOfH5(): Promise<string> {
  const dist = path.join(ROOT, 'dist/h5')
  for (let i = 0; i < 90 && !fs.existsSync(path.join(dist, 'index.html')); i++) await new Promise((r) => setTimeout(r, 2000))
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('dist/h5 is missing: run `npm run build:h5` first')
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
  fs.cpSync(dist, copy, { recursive: true })
  return copy
}

type StartOptions = { dataDir?: string; port?: number; idpPort?: number }

export function startProduct(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<Product> {
  // ports it chose itself can be taken by another process before it listens: then it starts on others
  return opts.port || opts.idpPort ? startOnce(env, opts) : retryWhilePortTaken(() => startOnce(env, opts))
}

async function startOnce(env: Record<string, string>, opts: StartOptions): Promise<Product> {
  const [port, idpPort] = [opts.port ?? (await freePort()), opts.idpPort ?? (await freePort())]
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'))
  const schema: TestSchema | null = process.env.TEST_DATABASE_URL && !('DATABASE_URL' in env) && !opts.dataDir ? await createTestSchema(process.env.TEST_DATABASE_URL) : null
  const url = `http://localhost:${port}`
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DEV_IDP_PORT: String(idpPort),
      PUBLIC_URL: url,
      DATA_DIR: path.join(dataDir, 'pglite'),
      // H5_DIR in the test's environment: a build beside dist/ (e.g. dist-<name>/h5), served as it is
      H5_DIR: env.H5_DIR ?? process.env.H5_DIR ?? (await snapshotOfH5()),
      DATABASE_URL: schema?.url ?? '',
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'true',
      NODE_ENV: 'development',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the server in a child process, and a crash must take both.
    detached: true
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  /** Stops the server; with `removeData`, its data folder and schema go too (never a folder the caller gave). */
  const stop = (signal: NodeJS.Signals, removeData: boolean) =>
    stopGroup(child, signal).then(async () => {
      if (removeData) {
        fs.rmSync(dataDir, { recursive: true, force: true })
        await schema?.drop()
      }
    })
  const started = Date.now()
  const deadline = started + 180_000 // a loaded 2-core machine can take minutes to compile and migrate
  let health = 'no answer yet'
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) })
      if (res.ok) break
      health = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`
    } catch (err) {
      health = String((err as Error & { cause?: Error }).cause ?? err)
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      // what a hang would need to be understood; then nothing of this start is left running
      const [exited, waits] = [child.exitCode, schema ? await waitsIn(schema.schema) : '']
      await stop('SIGKILL', !opts.dataDir)
      throw new Error(
        `server did not start (${exited !== null ? `exited ${exited}` : 'still running, killed'} after ${Math.round((Date.now() - started) / 1000)} s; ` +
          `port ${port}, provider port ${idpPort}; last health check: ${health})${waits}\n` +
          output
      )
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    dataDir,
    close: () => stop('SIGTERM', !opts.dataDir),
    crash: () => stop('SIGKILL', false)
  }
}

/**
 * Stops the server's process group with `signal`; the server gives itself 10 s to stop, and
 * past 15 s it is killed, so a test run never hangs on it.
 */
function stopGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig)
      } catch {
        // already gone
      }
    }
    const hard = setTimeout(() => kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(hard)
      resolve()
    })
    if (child.exitCode !== null || child.signalCode !== null) child.emit('exit')
    else kill(signal)
  })
}

/** What PostgreSQL's busy sessions were doing (the server's, on `schema`, among them): what they run and wait on. */
async function waitsIn(schema: string): Promise<string> {
  const { Client } = await import('pg')
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    const { rows } = await client.query(
      `SELECT pid, state, wait_event_type, wait_event, now() - query_start AS running, left(query, 160) AS query
         FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid()`
    )
    const total = (await client.query('SELECT count(*)::int AS n FROM pg_stat_activity')).rows[0].n
    return `\nPostgreSQL (${total} connections in all; schema ${schema}), busy sessions:\n` + rows.map((r) => '  ' + JSON.stringify(r)).join('\n')
  } catch (err) {
    return `\nPostgreSQL not asked: ${(err as Error).message}`
  } finally {
    await client.end().catch(() => undefined)
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}

/**
 * The product and Chromium for one test file: both started before its tests, stopped after.
 * Read `product` and `browser` from the returned object inside the tests.
 */
export function productAndBrowser(env: Record<string, string> = {}): { product: Product; browser: Browser } {
  const running = {} as { product: Product; browser: Browser }
  beforeAll(async () => {
    ;[running.product, running.browser] = await bothOrNeither(startProduct(env), launchBrowser())
  }, 300_000)
  afterAll(async () => {
    await running.browser?.close()
    await running.product?.close()
  })
  return running
}

/** The product and Chromium started side by side; when one fails to start, the other is stopped (a Jest run must not hang on it). */
async function bothOrNeither(product: Promise<Product>, browser: Promise<Browser>): Promise<[Product, Browser]> {
  const [p, b] = await Promise.allSettled([product, browser])
  if (p.status === 'fulfilled' && b.status === 'fulfilled') return [p.value, b.value]
  if (p.status === 'fulfilled') await p.value.close()
  if (b.status === 'fulfilled') await b.value.close()
  throw p.status === 'rejected' ? p.reason : (b as PromiseRejectedResult).reason
}

/**
 * A script (a bench, the screenshots) with the product and Chromium: both started, `script` run,
 * both stopped even when it fails; a failure is printed and the process exits 1.
 */
export function runWithProductAndBrowser(
  script: (product: Product, browser: Browser) => Promise<void>,
  env: Record<string, string> = {},
  opts: { port?: number; idpPort?: number } = {}
): void {
  const run = async () => {
    const [product, browser] = await bothOrNeither(startProduct(env, opts), launchBrowser())
    try {
      await script(product, browser)
    } finally {
      await browser.close()
      await product.close()
    }
  }
  run().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}

/** A phone: 375×812, touch, Chinese (`options` on top, e.g. javaScriptEnabled: false). */
export function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options
  })
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false })
}

/**
 * Ticks the sign-in page's agreement box as a person does: tap, look, tap again if no tick shows
 * (at most 3 taps). A CI run's tap was lost once ("Clicking the checkbox did not change its
 * state", studio walk): a tap in the moment the page is put in place can miss it.
 */
async function tickAgreement(page: Page): Promise<void> {
  const box = page.getByRole('checkbox', { name: /我已阅读并同意/ }).filter({ visible: true })
  for (let taps = 1; ; taps++) {
    await box.click()
    const ticked = await page
      .locator('[data-testid="agree-box"][aria-checked="true"] >> visible=true')
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false)
    if (ticked) return
    if (taps === 3) throw new Error(`the agreement box shows no tick after 3 taps (sign-in pages in the document: ${await page.locator('.sign-in__button').count()})`)
  }
}

/**
 * Signs in from 我的 (or from the sign-in page the app has sent the visitor to) with a demo
 * account's quick-login button at the local provider; ends back in the app on the page whose
 * hash matches `back` (我的 by default). `atProvider` looks at the provider's page first.
 */
export async function signInFromProfile(
  page: Page,
  appUrl: string,
  account: RegExp,
  opts: { back?: RegExp; atProvider?: (page: Page) => Promise<void> } = {}
): Promise<void> {
  // 我的 sends a signed-out visitor to the sign-in page (returning to 我的 afterwards).
  if (!page.url().includes('/pages/login/')) await page.goto(`${appUrl}/#/pages/profile/index`)
  // the sign-in page on show, as a person sees it before ticking (not a page still being put in place)
  const signIn = page.locator('.sign-in__button >> visible=true')
  await signIn.waitFor()
  await tickAgreement(page)
  await signIn.click()
  await page.waitForURL(/\/interaction\//)
  await opts.atProvider?.(page)
  await page.getByRole('button', { name: account }).click()
  const back = opts.back ?? /profile/
  await page.waitForURL((url) => url.toString().startsWith(appUrl) && back.test(url.hash))
}
