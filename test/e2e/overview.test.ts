/**
 * The bureau's overview charts in Chromium (issue 16 §3), on the built H5 app (H5_DIR) served
 * by a test server whose clock the test moves: demands of the real 2025 Chongqing notice are
 * submitted over the two weeks before its deadline, with the last evening's rush, some returned
 * with reasons and some recommended; then the bureau opens 统计与遴选 on a phone (375 px) and a
 * desktop (1280 px). Each chart must be drawn on its canvas (pixels that are not the white
 * ground), 保存图片 downloads a PNG, and the screenshots go to
 * test/e2e/artifacts/overview-charts-375-1…4.png (a card each) / -1280.png.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createSession } from '../../server/auth/sessions'
import { recommendDemand, returnDemand, type Reviewer } from '../../server/recommend'
import { saveDraft, submitDemand } from '../../server/demands'
import { checkA11y } from '../support/a11y'
import { startTestServer, type TestServer } from '../support/app'
import { ARTIFACTS, launchBrowser, phoneContext } from '../support/product'
import { seedAccount, seedSubmitted, type Account } from '../support/seed-demands'
import { completeAnswers, recommenderAnswers } from '../types/fixtures'

const CQ = 'cq-2026-key-areas' // enterprise deadline 2025-07-20, units' 2025-07-25 (Asia/Shanghai)
const at = (iso: string) => Date.parse(iso)
const day = (d: number, hm = '10:00') => at(`2025-07-${String(d).padStart(2, '0')}T${hm}:00+08:00`)

let s: TestServer
let bureau: Account
let browser: Browser
let url: string

const DOMAINS = [
  { domain: 'chips', direction: '车规级芯片' },
  { domain: 'agriculture', direction: '智能农机' },
  { domain: 'ai', direction: '智能驾驶' }
]
const UNITS = ['liangjiang', 'city-jxw', 'city-fgw']
const REASONS = [
  '请量化关键技术指标，写明现状值和目标值',
  '“国内领先”没有对比数据，请补充指标',
  '缺少盖章的承诺书',
  '请上传营业执照扫描件',
  '所报内容不属于本次征集范围',
  '请补充功能安全认证计划',
  '请改由市经济信息委推荐'
]
/** When the demands came in: a few a day, then the deadline evening. */
const TIMES = [
  ...[8, 9, 10, 11, 14, 15, 16, 17, 18, 19].flatMap((d, i) => Array.from({ length: 1 + (i % 3) }, (_, k) => day(d, `${10 + k}:00`))),
  ...['09:00', '14:00', '18:30', '19:10', '20:05', '20:40', '21:15', '21:50', '22:20', '22:45', '23:10', '23:30', '23:50'].map((t) => day(20, t))
]

async function seed(): Promise<void> {
  const owners: Account[] = []
  for (let i = 0; i < Math.ceil(TIMES.length / 10); i++) owners.push(await seedAccount(s.db, day(8, '09:00'), { role: 'enterprise' }))
  const units = await Promise.all(UNITS.map((unit) => seedAccount(s.db, day(21), { role: 'recommender', unit })))
  const ids: Array<{ id: string; unit: number; owner: Account }> = []
  for (const [i, t] of TIMES.entries()) {
    const unit = i % 5 === 4 ? 2 : i % 3 === 2 ? 1 : 0
    const owner = owners[Math.floor(i / 10)]
    const answers = { ...completeAnswers(CQ), demandName: `重点领域技术需求${i + 1}`, domain: DOMAINS[i % DOMAINS.length], recommender: UNITS[unit] }
    ids.push({ id: await seedSubmitted(s.db, owner, CQ, answers, t), unit, owner })
  }
  // returns on the early demands; the first two revised and submitted again two days later
  for (const [k, reason] of REASONS.entries()) {
    const d = ids[k * 2]
    await returnDemand(s.db, units[d.unit].session as Reviewer, d.id, reason, TIMES[k * 2] + 86_400_000)
    if (k < 2) {
      const [w] = await s.db.query<{ version: number; step: string }>('SELECT version, current_step AS step FROM demands WHERE id = $1', [d.id])
      const saved = await saveDraft(s.db, d.owner.session, d.id, { baseVersion: w.version, answers: { ...completeAnswers(CQ), recommender: UNITS[d.unit], domain: DOMAINS[(k * 2) % 3] }, currentStep: w.step }, TIMES[k * 2] + 2 * 86_400_000)
      await submitDemand(s.db, d.owner.session, d.id, saved.version, TIMES[k * 2] + 2 * 86_400_000)
    }
  }
  // the units recommend some of the rest after the enterprise deadline
  for (const d of ids.filter((_, i) => i > REASONS.length * 2 && i % 2 === 1)) {
    await recommendDemand(s.db, units[d.unit].session as Reviewer, d.id, day(22), { answers: recommenderAnswers(CQ) })
  }
}

beforeAll(async () => {
  // Nobody signs in at the provider here (the bureau's browser gets a session below), and the
  // server discovers its provider only at a sign-in: an address that is never called will do.
  process.env.TEST_IDP ??= JSON.stringify({ issuer: 'http://127.0.0.1:9', clientId: 'unused', clientSecret: 'unused' })
  s = await startTestServer({ now: day(8, '09:00'), env: { H5_DIR: process.env.H5_DIR ?? 'dist/h5' } })
  await seed()
  s.clock.now = day(23)
  bureau = await seedAccount(s.db, s.clock.now, { role: 'bureau', unit: '重庆市科学技术局' })
  url = await s.app.listen({ port: Number(process.env.OVERVIEW_E2E_PORT ?? 0), host: '127.0.0.1' })
  browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await s?.close()
})

/** Share of a canvas's pixels that are not the white ground: something was drawn. */
const inked = (page: Page, id: string) =>
  page.evaluate((canvasId) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`#${canvasId} canvas`)
    if (!canvas || !canvas.width) return 0
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    let n = 0
    for (let i = 0; i < data.length; i += 4) if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) n++
    return n / (data.length / 4)
  }, id)

async function openOverview(width: number): Promise<Page> {
  const context =
    width < 600
      ? await phoneContext(browser, { acceptDownloads: true })
      : await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
  // the bureau's browser session, as a sign-in would have set its cookies
  const session = await createSession(s.db, bureau.session.userId, 'h5', s.clock.now, 8)
  const host = new URL(url).hostname
  await context.addCookies([
    { name: 'sid', value: session.token, domain: host, path: '/' },
    { name: 'csrf_token', value: session.csrfToken, domain: host, path: '/' }
  ])
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${url}/#/packages/recommend/pages/overview/index?campaign=${CQ}`)
  await page.locator('[data-testid="overview-charts"]').waitFor({ timeout: 60_000 })
  for (const id of ['chart-matrix', 'chart-daily', 'chart-quota', 'chart-returns']) {
    await page.locator(`#${id} canvas`).waitFor()
    let share = 0
    for (let i = 0; i < 40 && share <= 0.01; i++) {
      share = await inked(page, id)
      if (share <= 0.01) await page.waitForTimeout(500)
    }
    expect(share).toBeGreaterThan(0.01)
  }
  expect(errors).toEqual([])
  return page
}

test('a phone (375 px) shows the four charts drawn, with their summaries, and saves one as a PNG', async () => {
  const page = await openOverview(375)
  const summaries = await page.locator('[data-testid="chart-summary"]').allTextContents()
  expect(summaries[1]).toMatch(/^共提交\d+次（修改后再次提交2次）；截止日（7月20日）13次，其中当晚18时后11次。$/)
  expect(summaries[3]).toBe('共退回修改7次，最常见的是“指标不量化”（2次，占29%）。')
  // a phone shows one chart at a time: each card as the person scrolls to it
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const cards = page.locator('[data-testid="overview-charts"] > .chart')
  expect(await cards.count()).toBe(4)
  for (let i = 0; i < 4; i++) await cards.nth(i).screenshot({ path: path.join(ARTIFACTS, `overview-charts-375-${i + 1}.png`) })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存图片：每日提交与截止日' }).click()])
  expect(download.suggestedFilename()).toMatch(/-每日提交\.png$/)
  const png = fs.readFileSync(await download.path())
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  await checkA11y(page, 'overview-charts-375')
  await page.context().close()
}, 180_000)

test('a desktop (1280 px) shows them two by two', async () => {
  const page = await openOverview(1280)
  const boxes = await Promise.all(['chart-matrix', 'chart-daily'].map((id) => page.locator(`[data-testid="chart-${id}"]`).boundingBox()))
  expect(boxes[1]!.x).toBeGreaterThan(boxes[0]!.x + boxes[0]!.width - 1) // side by side
  await page.locator('[data-testid="overview-charts"]').screenshot({ path: path.join(ARTIFACTS, 'overview-charts-1280.png') })
  await page.context().close()
}, 180_000)
