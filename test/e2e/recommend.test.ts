/**
 * The recommending unit and the bureau at a desktop browser (1366×860), end to end in Chromium
 * (the built H5 app on the real server). The phone journey (return, revise, recommend, rank,
 * export) is in journey.test.ts; this is what only the wide layout and the bureau have:
 * 1. an enterprise (重庆智芯微电子) submits a Chongqing demo demand choosing 两江新区, and two of
 *    山城's demands are already recommended by a colleague (API);
 * 2. the clerk signs in, opens 推荐工作台 from 我的, the inbox with the demand beside the list,
 *    and recommends it there; 推荐排序 shows it third;
 * 3. the real 2025 notice, past its deadline, is read-only for the clerk;
 * 4. the bureau sees counts by unit and field, exports every unit's sheet, sees every list.
 * Every page is checked with axe-core; screenshots go to test/e2e/artifacts/recommend-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CampaignDetail } from '../../types/domain'
import { lookAt } from '../support/a11y'
import { completeProfile, signInOverHttp, submitDemand, type ApiSession } from '../support/http-session'
import { productAndBrowser, signInFromProfile } from '../support/product'
import { confirmDialog, inboxRow, openSummarySheet } from '../support/recommend-page'
import { completeAnswers } from '../types/fixtures'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const TITLE = '车规级功能安全MCU芯片关键技术攻关及产业化'

const e2e = productAndBrowser()

function desktopContext(b: Browser): Promise<BrowserContext> {
  return b.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
}

test('at a desktop the clerk recommends from the inbox beside the demand; the bureau sees and exports every unit', async () => {
  const { product, browser } = e2e
  const errors: string[] = []
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(e.message))

  // ── 1. Submitted demands (API): ours from 智芯; two of 山城's already recommended by a colleague ──
  const zhixin = await signInOverHttp(product.url, 'ent-zhixin')
  const shancheng = await signInOverHttp(product.url, 'ent-shancheng')
  await completeProfile(zhixin, 'ent-zhixin')
  await completeProfile(shancheng, 'ent-shancheng')
  const colleague: ApiSession = await signInOverHttp(product.url, 'rec-liangjiang')
  const others: string[] = []
  for (const name of ['车规级MCU芯片功能安全验证与测试平台建设', '车载毫米波雷达芯片研发及产业化']) {
    const id = await submitDemand(shancheng, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: name })
    await colleague.call('POST', `/api/recommend/demands/${id}/recommend`)
    others.push(id)
  }
  const id = await submitDemand(zhixin, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: TITLE })

  // ── 2. The clerk: 我的 → 推荐工作台 → inbox → the demand beside the list → 推荐 ──
  const desk = await desktopContext(browser)
  const deskPage = await desk.newPage()
  watch(deskPage)
  await signInFromProfile(deskPage, product.url, /两江新区科技主管部门/)
  await deskPage.locator('[data-testid="open-workbench"]').click()
  const card = deskPage.locator(`[data-testid="review-campaign"][data-campaign-id="${CAMPAIGN}"]`)
  await card.waitFor()
  expect(await card.locator('[data-testid="count-received"] .rc-count__value').textContent()).toBe('3')
  expect(await card.locator('[data-testid="quota-text"]').textContent()).toBe('已推荐 2 / 名额 30')
  await lookAt(deskPage, 'recommend-01-desktop-workbench')

  await card.locator('[data-testid="open-inbox"]').click()
  await inboxRow(deskPage, id).click()
  const pane = deskPage.locator(`[data-testid="demand-review"][data-demand-id="${id}"]`)
  await pane.locator('[data-testid="decision"]').waitFor()
  await deskPage.getByText('相似度').first().waitFor()
  expect(await inboxRow(deskPage, id).locator('[data-testid="status"]').textContent()).toBe('推荐单位审核中')
  expect(await inboxRow(deskPage, id).getAttribute('aria-current')).toBe('true')
  await lookAt(deskPage, 'recommend-02-desktop-inbox-detail')

  await pane.locator('[data-action="recommend"]').click()
  await pane.locator('[data-testid="form-recommend"] [data-testid="form-submit"]').click() // 联合实施 left unanswered
  await confirmDialog(deskPage, '推荐')
  await pane.locator('[data-testid="status"]', { hasText: '已推荐 · 第3位' }).waitFor()
  await inboxRow(deskPage, id).locator('[data-testid="status"]', { hasText: '已推荐' }).waitFor()
  await lookAt(deskPage, 'recommend-03-desktop-recommended')

  await deskPage.goto(`${product.url}/#/packages/recommend/pages/ranking/index?campaign=${CAMPAIGN}`)
  await deskPage.locator(`[data-testid="ranked-item"][data-demand-id="${id}"]`).waitFor()
  const order = await deskPage.locator('[data-testid="ranked-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-demand-id')))
  expect(order).toEqual([...others, id])
  await lookAt(deskPage, 'recommend-04-desktop-ranking')

  // ── 3. After the deadline (the real 2025 notice) the clerk's lists are read-only and say so ──
  await deskPage.goto(`${product.url}/#/packages/recommend/pages/ranking/index?campaign=cq-2026-key-areas`)
  const closed = deskPage.locator('.rc-ranking-screen [data-testid="closed-banner"] >> visible=true')
  await closed.waitFor()
  expect(await closed.textContent()).toContain('推荐已于2025年7月25日 24:00截止')
  expect(await deskPage.locator('.rc-ranking-screen [data-testid="move-up"] >> visible=true').count()).toBe(0)
  await lookAt(deskPage, 'recommend-05-desktop-closed-campaign')

  // ── 4. The bureau: counts by unit and field, every unit's list, and the export of all ──
  const bureauContext = await desktopContext(browser)
  const bureauPage = await bureauContext.newPage()
  watch(bureauPage)
  await signInFromProfile(bureauPage, product.url, /重庆市科学技术局/)
  await bureauPage.locator('[data-testid="open-workbench"]').click()
  await bureauPage.locator(`[data-testid="review-campaign"][data-campaign-id="${CAMPAIGN}"]`).getByText('统计与结果').click()
  const liangjiang = bureauPage.locator('[data-testid="by-unit"] [data-unit="liangjiang"] [role="link"]')
  await liangjiang.waitFor()
  expect(await liangjiang.getAttribute('aria-label')).toBe(
    '两江新区科技主管部门：收到3项，推荐3项，名额30项，入选0项'
  )
  await lookAt(bureauPage, 'recommend-06-bureau-overview')
  const [all] = await Promise.all([bureauPage.waitForEvent('download'), bureauPage.locator('.rc-overview [data-testid="export"]').click()])
  const def = (await zhixin.call<CampaignDetail>('GET', `/api/campaigns/${CAMPAIGN}`)).definition
  expect(all.suggestedFilename()).toBe(`${def.title}汇总表-全部推荐单位.xlsx`)
  const sheet = await openSummarySheet(all, 'recommend-summary-all.xlsx')
  const col = (header: string) => def.summaryColumns.findIndex((c) => c.header === header)
  expect(String(sheet[0][0])).toBe(`${def.title}汇总表（全部推荐单位）`)
  expect(sheet.slice(2).map((r) => r[col('需求名称')])).toEqual(['车规级MCU芯片功能安全验证与测试平台建设', '车载毫米波雷达芯片研发及产业化', TITLE])
  await bureauPage.locator('.rc-overview').getByText('推荐名单与遴选').click()
  await bureauPage.locator(`[data-testid="ranking-group"][data-unit="liangjiang"] [data-demand-id="${id}"]`).waitFor()
  await lookAt(bureauPage, 'recommend-07-bureau-ranking')

  expect(errors).toEqual([])
  await Promise.all([desk.close(), bureauContext.close()])
}, 240_000)
