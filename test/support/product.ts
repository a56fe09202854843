/**
 * The product as a user meets it: the real server process (embedded database, local
 * identity provider, seeded campaigns) serving the built H5 app, driven by Debian's
 * Chromium through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { freePort } from './idp'

const ROOT = path.join(__dirname, '../..')
export const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts')

export interface Product {
  url: string
  close(): Promise<void>
}

export async function startProduct(env: Record<string, string> = {}): Promise<Product> {
  const [port, idpPort] = [await freePort(), await freePort()]
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'))
  const url = `http://localhost:${port}`
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DEV_IDP_PORT: String(idpPort),
      PUBLIC_URL: url,
      DATA_DIR: path.join(dataDir, 'pglite'),
      H5_DIR: path.join(ROOT, 'dist/h5'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'true',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const deadline = Date.now() + 90_000
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // starting
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('server did not start:\n' + output)
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true })
          resolve()
        })
        child.kill('SIGTERM')
      })
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

/** A phone: 375×812, touch, Chinese. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  })
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false })
}
