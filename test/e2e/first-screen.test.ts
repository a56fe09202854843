/**
 * The H5 first screen as a phone meets it (issue 14), in the checks that hold under any load:
 *  - a card of the server's snapshot opens its campaign with no script at all, and, tapped
 *    before the app's script has run, opens it too and the app then takes over on that page;
 *  - the app takes over without moving anything: the snapshot's cards and tab bar (the list), its
 *    title, deadline rows and summary (a campaign) stand where the app's own then stand, and the
 *    layout shifts the browser reports stay under 0.05;
 *  - a visitor's first screen has no failed request and no console error;
 *  - a wizard step opened cold shows the loading frame at once and has its data and its page's
 *    scripts asked for before the app's own scripts have run, each once;
 *  - the scripts that boot the app carry V8's compile hint (config/eager-compile.ts).
 * Timings are Lighthouse's business (npm run bench:lighthouse), not this file's.
 */
import type { Page, Route } from 'playwright-core'
import { CQ_DEMO } from '../support/campaigns'
import { completeProfile, signInOverHttp } from '../support/http-session'
import { phoneContext, productAndBrowser, shot, signInFromProfile } from '../support/product'

const running = productAndBrowser()

/**
 * The app's scripts held back until `release()`: the page as a phone sees it before they arrive
 * (open it with `waitUntil: 'commit'`: its load event waits for them).
 */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/js\/[^?]*\.js$/, async (route: Route) => {
    await released
    // a request of a page left meanwhile is gone
    await route.continue().catch(() => undefined)
  })
  return release
}

/** Every layout shift not caused by input, from the page's first frame on, with what moved. */
async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Array<{ node?: Node | null }> }
    const shifts: Array<{ value: number; moved: string[] }> = []
    ;(window as unknown as { __shifts: typeof shifts }).__shifts = shifts
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Shift[]) {
        if (!e.hadRecentInput) shifts.push({ value: e.value, moved: e.sources.map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName))) })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

const shiftsOf = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: Array<{ value: number; moved: string[] }> }).__shifts)
const cls = (shifts: Array<{ value: number }>) => shifts.reduce((sum, s) => sum + s.value, 0)

type Box = { x: number; y: number; width: number; height: number }
const boxes = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) }
    })
  )
/** Boxes within a pixel of each other (sub-pixel rounding between the two renderings). */
const near = (a: Box[], b: Box[]) => a.length === b.length && a.every((box, i) => (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(box[k] - b[i][k]) <= 1))

it('a card opens its campaign with no script at all', async () => {
  const context = await phoneContext(running.browser, { javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`${running.product.url}/`)
  const card = page.locator('#first-paint a.fp-card').first()
  const title = await card.locator('h2').textContent()
  expect(title).toBeTruthy()
  await card.tap()
  await page.waitForURL(/\/pages\/campaign\/index\?id=/)
  expect(await page.locator('#first-paint h1').textContent()).toBe(title)
  expect(await page.locator('#first-paint').getByText('通知摘要').isVisible()).toBe(true)
  expect(await page.locator('#first-paint').getByText('填报截止', { exact: true }).isVisible()).toBe(true)
  await context.close()
}, 60_000)

/** Console errors and failed requests of a page, as they come. */
function problemsOf(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`))
  return problems
}

it("a card tapped before the app's script has run opens the campaign, and the app takes over there without moving its title, deadlines or summary, with no failed request or console error", async () => {
  const context = await phoneContext(running.browser)
  const page = await context.newPage()
  const problems = problemsOf(page)
  await recordShifts(page)
  const release = await holdScripts(page)
  await page.goto(`${running.product.url}/`, { waitUntil: 'commit' })
  const card = page.locator('#first-paint a.fp-card').first()
  const title = await card.locator('h2').textContent()
  await card.tap()
  // the campaign's page from the server, at the hash route the app will read
  await page.waitForURL(/\/#\/pages\/campaign\/index\?id=/, { waitUntil: 'commit' })
  expect(await page.locator('#first-paint h1').textContent()).toBe(title)
  // the title, the deadline rows and the summary's first two paragraphs, where the app will stand them
  const snapshot = await Promise.all(['#first-paint h1', '#first-paint .fp-deadlines > div', '#first-paint .fp-box p'].map((s) => boxes(page, s)))
  release()
  await page.locator('#first-paint').waitFor({ state: 'detached', timeout: 60_000 })
  expect(await page.locator('.campaign-detail__title').textContent()).toBe(title)
  await page.waitForTimeout(500)
  const app = await Promise.all(['.campaign-detail__title', '.campaign-detail__deadline', '.campaign-detail__paragraph'].map((s) => boxes(page, s)))
  // the app shows the summary's first paragraphs and a 展开全文 link; the snapshot all of it
  const paragraphs = app[2].length
  expect(paragraphs).toBeGreaterThan(0)
  snapshot[2] = snapshot[2].slice(0, paragraphs)
  expect({ same: snapshot.every((s, i) => near(s, app[i])), snapshot, app }).toEqual({ same: true, snapshot, app })
  const shifts = await shiftsOf(page)
  expect({ cls: cls(shifts) <= 0.05, shifts }).toEqual({ cls: true, shifts })
  // a visitor: who is signed in is asked (登录后发起需求 shows), and answered without a 401
  await page.getByText('登录后发起需求').waitFor()
  expect(problems).toEqual([])
  await context.close()
}, 120_000)

it('the app takes over the list without moving a card or the tab bar, with no failed request or console error', async () => {
  const context = await phoneContext(running.browser)
  const page = await context.newPage()
  const problems = problemsOf(page)
  await recordShifts(page)
  const release = await holdScripts(page)
  await page.goto(`${running.product.url}/`, { waitUntil: 'commit' })
  await page.locator('#first-paint .fp-tabbar').waitFor()
  const snapshotCards = await boxes(page, '#first-paint .fp-card')
  const snapshotTabBar = await boxes(page, '#first-paint .fp-tabbar > div')
  expect(snapshotCards.length).toBeGreaterThan(0)
  release()
  await page.locator('#first-paint').waitFor({ state: 'detached', timeout: 60_000 })
  await page.locator('.taro-tabbar__container').waitFor()
  // the cards below the first screen come once the page is idle (campaign-list.tsx)
  await page.waitForFunction((n) => document.querySelectorAll('.campaign-item').length === n, snapshotCards.length)
  // the badge, fonts and anything late have had their moment
  await page.waitForTimeout(1000)
  const appCards = await boxes(page, '.campaign-item')
  const appTabBar = await boxes(page, '.taro-tabbar__tabbar')
  expect({ cards: near(snapshotCards, appCards), snapshotCards, appCards }).toEqual({ cards: true, snapshotCards, appCards })
  expect({ tabBar: near(snapshotTabBar, appTabBar), snapshotTabBar, appTabBar }).toEqual({ tabBar: true, snapshotTabBar, appTabBar })
  const shifts = await shiftsOf(page)
  expect({ cls: cls(shifts) <= 0.05, shifts }).toEqual({ cls: true, shifts })
  expect(problems).toEqual([])
  await context.close()
}, 120_000)

it("a wizard step opened cold: the loading frame at once, its GETs and its page's scripts asked before the app runs, each once", async () => {
  const api = await signInOverHttp(running.product.url, 'ent-zhixin')
  await completeProfile(api, 'ent-zhixin')
  const draft = await api.call<{ id: string }>('POST', `/api/campaigns/${CQ_DEMO}/demands`, {})
  const context = await phoneContext(running.browser)
  const page = await context.newPage()
  await signInFromProfile(page, running.product.url, /重庆智芯微电子/)
  const release = await holdScripts(page)
  await page.goto('about:blank') // a new page load, not a hash change of the running app
  // counted from here: a late request of the signed-in profile page (its own /api/auth/me) is not the wizard's
  const asked: string[] = []
  page.on('request', (r) => asked.push(new URL(r.url()).pathname))
  await page.goto(`${running.product.url}/#/packages/demand/pages/wizard/index?id=${draft.id}`, { waitUntil: 'commit' })
  // before any of the app's scripts has run: the loading frame, not the list's snapshot
  await page.locator('#first-paint[data-route="*"]').getByText('正在加载…').waitFor()
  expect(await page.locator('#first-paint .fp-card:not(.fp-skel)').count()).toBe(0)
  await shot(page, 'wizard-cold-loading')
  const data = ['/api/auth/me', `/api/demands/${draft.id}`, `/api/campaigns/${CQ_DEMO}`]
  for (let i = 0; i < 300 && !data.every((p) => asked.includes(p)); i++) await page.waitForTimeout(100)
  expect(data.filter((p) => asked.includes(p))).toEqual(data)
  const pageScripts = asked.filter((p) => p.startsWith('/js/'))
  expect(pageScripts.length).toBeGreaterThan(2) // the app's two and the wizard's own
  release()
  await page.locator('.wz-actionbar__next >> visible=true').waitFor({ timeout: 60_000 })
  expect(await page.locator('#first-paint').count()).toBe(0)
  await shot(page, 'wizard-cold-step')
  // the app took the early answers, and the preloaded scripts: nothing of them asked twice (the favicon may be)
  const twice = asked.filter((p, i) => /^\/(api|js|css)\//.test(p) && asked.indexOf(p) !== i)
  expect(twice).toEqual([])
  await context.close()
}, 180_000)

it('the scripts that boot the app carry V8’s compile hint (compiled while they download), the pages’ own do not', async () => {
  const html = await (await fetch(`${running.product.url}/`)).text()
  // the loader's list (the app's scripts, in order), and the wizard's own scripts from the first script's table
  const boot = JSON.parse(/(\["\/js\/[^\]]+\])\.forEach/.exec(html.slice(html.lastIndexOf('requestAnimationFrame')))![1]) as string[]
  expect(boot.length).toBeGreaterThan(0)
  const wizard = /"packages\/demand\/pages\/wizard\/index":(\[[^\]]+\])/.exec(html)![1]
  const pageScripts = (JSON.parse(wizard) as string[]).filter((f) => f.endsWith('.js') && !boot.includes(f))
  const firstLine = async (file: string) => (await (await fetch(running.product.url + file)).text()).split('\n', 1)[0]
  for (const file of boot) expect([file, await firstLine(file)]).toEqual([file, '//# allFunctionsCalledOnLoad'])
  for (const file of pageScripts) expect([file, await firstLine(file)]).not.toEqual([file, '//# allFunctionsCalledOnLoad'])
}, 60_000)
