/**
 * Messages end to end in Chromium (the built H5 app on the real server): an enterprise
 * contact signs in and submits the Chongqing demo demand; the recommending unit 两江新区
 * (rec-liangjiang, a second browser context) opens it and returns it with a reason; the
 * enterprise sees the unread badge on the 消息 tab, opens the message center, follows the
 * message to the status page and on to the thread, where the reason is highlighted; answers
 * there; and the badge is gone. Screenshots at 375×812 go to test/e2e/artifacts/messages-*.png.
 */
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, phoneContext, shot, startProduct, type Product, signInFromProfile } from '../support/product'
import { completeAnswers } from '../types/fixtures'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const TITLE = '车规级功能安全MCU芯片关键技术攻关及产业化'
const REASON = '请补充核心技术参数指标的测试条件（如最高工作结温的测试标准），并说明与国际同类产品的对比依据。'
const REPLY = '已补充：结温按AEC-Q100 Grade 0 测试，对比依据见修改后的“技术/产品现状”。'

let product: Product
let browser: Browser

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await product?.close()
})

/** The API from the page, with its cookie session and CSRF token, as the app calls it. */
async function call<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json()
      const r = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
      const text = await r.text()
      return { status: r.status, body: text ? JSON.parse(text) : null }
    },
    { method, path, body }
  )
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body as T
}

/** Taro's fonts and images settle a moment after the content. */
const settle = (page: Page) => page.waitForTimeout(400)

const messagesTab = (page: Page) => page.locator('.weui-tabbar__item').nth(1)
const badge = (page: Page) => messagesTab(page).locator('.taro-tabbar-badge')

test('a returned demand: the badge, the message center, the reason in the thread, and the badge cleared on reading', async () => {
  const enterpriseContext = await phoneContext(browser)
  const page = await enterpriseContext.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  // ── The enterprise signs in, completes the profile, and submits the demo demand ──
  await signInFromProfile(page, product.url, /重庆智芯微电子/)
  await page.locator('[aria-label="手机号"] input').fill('13800138000')
  await page.locator('.profile-form__save').click()
  await page.getByText('已保存').first().waitFor()

  // Before anything happened: the message center's empty state.
  await messagesTab(page).click()
  await page.getByText('暂无消息').waitFor()
  await settle(page)
  await shot(page, 'messages-01-empty')

  const created = await call<{ id: string; version: number; currentStep: string }>(page, 'POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  const saved = await call<{ version: number }>(page, 'PUT', `/api/demands/${created.id}/draft`, {
    baseVersion: created.version,
    answers: { ...completeAnswers(CAMPAIGN), demandName: TITLE },
    currentStep: created.currentStep
  })
  await call(page, 'POST', `/api/demands/${created.id}/submit`, { baseVersion: saved.version })
  const id = created.id

  // ── 两江新区 opens it (审核中) and returns it with a reason, in its own browser ──
  const unitContext = await phoneContext(browser)
  const unit = await unitContext.newPage()
  await signInFromProfile(unit, product.url, /两江新区/)
  await call(unit, 'GET', `/api/recommend/demands/${id}`)
  await call(unit, 'POST', `/api/recommend/demands/${id}/return`, { reason: REASON })

  // ── The enterprise comes back to the app: the 消息 tab carries the unread count ──
  await page.locator('.weui-tabbar__item').nth(0).click()
  await badge(page).waitFor()
  expect((await badge(page).textContent())?.trim()).toBe('2')
  await settle(page)
  await shot(page, 'messages-02-badge')

  // ── The message center: newest first, unread marked ──
  await messagesTab(page).click()
  const returned = page.locator('.message-item', { hasText: '需求被退回修改' })
  await returned.waitFor()
  expect(await page.locator('.message-item.is-unread').count()).toBe(2)
  expect(await returned.textContent()).toContain(REASON)
  expect(await page.locator('[data-testid="unread-summary"]').textContent()).toBe('2 条未读')
  await settle(page)
  await shot(page, 'messages-03-center')

  // ── The message opens the status page: returned, the reason, what to do until when ──
  await returned.click()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await page.locator('[data-testid="status-label"]', { hasText: '已退回修改' }).waitFor()
  expect(await page.locator('.timeline-entry.is-current .timeline-entry__reason-text').textContent()).toBe(REASON)
  expect(await page.locator('[data-testid="next-actions"]').textContent()).toMatch(/修改需求、提交：可至 \d{4}年\d{1,2}月\d{1,2}日24:00/)
  await settle(page)
  await shot(page, 'messages-04-status')
  await page.locator('.timeline-entry.is-current').scrollIntoViewIfNeeded()
  await shot(page, 'messages-05-status-timeline')

  // ── The thread: the reason highlighted as 退回原因; the enterprise answers ──
  await page.locator('.status-links__item', { hasText: '与推荐单位留言' }).click()
  await page.waitForURL(/packages\/demand\/pages\/thread/)
  const reason = page.locator('[data-kind="return_reason"]')
  await reason.waitFor()
  expect(await reason.locator('.bubble__label').textContent()).toBe('退回原因')
  expect(await reason.locator('.bubble__text').textContent()).toBe(REASON)
  await settle(page)
  await shot(page, 'messages-06-thread')

  await page.locator('.thread__input textarea').fill(REPLY)
  await page.locator('.thread__send').click()
  const mine = page.locator('[data-mine="true"]')
  await mine.waitFor()
  expect(await mine.locator('.bubble__text').textContent()).toBe(REPLY)
  expect(await page.locator('.thread__input textarea').inputValue()).toBe('')
  await settle(page)
  await shot(page, 'messages-07-thread-reply')

  // ── Back on the 消息 tab: everything about this demand was read in the thread; no badge ──
  await page.goBack()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await page.goBack()
  await page.waitForURL(/pages\/messages\/index/)
  await page.locator('[data-testid="unread-summary"]', { hasText: '没有未读消息' }).waitFor()
  await expect(badge(page).count()).resolves.toBe(0)
  expect(await page.locator('.message-item.is-unread').count()).toBe(0)
  await settle(page)
  await shot(page, 'messages-08-read')

  // ── The unit sees the answer in the same thread, with its own reason on its side ──
  await unit.goto(`${product.url}/#/packages/demand/pages/thread/index?id=${id}`)
  await unit.locator('[data-mine="false"]', { hasText: REPLY }).waitFor()
  expect(await unit.locator('[data-kind="return_reason"]').getAttribute('data-mine')).toBe('true')
  await settle(unit)
  await shot(unit, 'messages-09-unit-thread')

  // ── Which reminders the enterprise gets ──
  await page.goto(`${product.url}/#/packages/demand/pages/settings/index`)
  await page.getByText('截止前7天提醒').waitFor()
  await settle(page)
  await shot(page, 'messages-10-settings')

  expect(errors).toEqual([])
  await unitContext.close()
  await enterpriseContext.close()
})
