/**
 * The recommending unit's journey end to end in Chromium (the built H5 app on the real server):
 * 1. an enterprise (重庆智芯微电子) submits a Chongqing demo demand choosing 两江新区 (API);
 * 2. the unit's clerk, at a desktop browser, signs in through the local provider's quick-login,
 *    opens 推荐工作台 from 我的, the inbox beside the demand, and returns it with a reason;
 * 3. the enterprise revises and resubmits (API);
 * 4. the clerk, now on a phone, finds it again, recommends it, and moves it to first place in
 *    推荐排序 (two colleagues' recommendations came before it), and saves;
 * 5. at the desktop again, exports the summary sheet: the download is opened with exceljs and
 *    its header row and the demand's row checked;
 * 6. the enterprise sees 已推荐 with its rank (the status API and its status page);
 * 7. the real 2025 notice, past its deadline, is read-only for the clerk;
 * 8. the bureau sees counts by unit and field, exports every unit's sheet, sees every list.
 * Screenshots (phone 375×812, desktop 1366×860) go to test/e2e/artifacts/recommend-*.png.
 */
import ExcelJS from 'exceljs'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CampaignDetail } from '../../types/domain'
import type { DemandStatusView } from '../../types/recommend'
import { completeProfile, resubmitDemand, signInOverHttp, submitDemand, type ApiSession } from '../support/http-session'
import { ARTIFACTS, launchBrowser, phoneContext, shot, startProduct, type Product, signInFromProfile } from '../support/product'
import { completeAnswers } from '../types/fixtures'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const TITLE = '车规级功能安全MCU芯片关键技术攻关及产业化'
const REVISED = '车规级功能安全MCU芯片关键技术攻关及产业化（补充认证计划）'
const REASON = '请补充功能安全认证计划和整车厂量产验证安排，并写明揭榜挂帅的投入来源。'

let product: Product
let browser: Browser

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await product?.close()
})

function desktopContext(b: Browser): Promise<BrowserContext> {
  return b.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
}

/** Taro's page transition has settled (screenshots mid-slide are useless). */
const settle = (page: Page) => page.waitForTimeout(700)

/** Presses 确定 (its label) in the platform's confirmation dialog (Taro.showModal on H5). */
async function confirmDialog(page: Page, label: string) {
  const confirm = page.locator('.taro-model__confirm', { hasText: label })
  await confirm.waitFor()
  await confirm.click()
}

const row = (page: Page, id: string) => page.locator(`[data-testid="inbox-row"][data-demand-id="${id}"]`)

test('an enterprise submits, the unit returns it, the enterprise revises, the unit recommends, ranks and exports; the enterprise sees its rank', async () => {
  const errors: string[] = []
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(e.message))

  // ── 1. Submitted demands (API): ours from 智芯; two of 山城's already recommended by a colleague ──
  const zhixin = await signInOverHttp(product.url, 'ent-zhixin')
  const shancheng = await signInOverHttp(product.url, 'ent-shancheng')
  await completeProfile(zhixin, 'ent-zhixin')
  await completeProfile(shancheng, 'ent-shancheng')
  const colleague: ApiSession = await signInOverHttp(product.url, 'rec-liangjiang')
  const others: string[] = []
  for (const [name, direction] of [
    ['车规级MCU芯片功能安全验证与测试平台建设', '车规级芯片'],
    ['车载毫米波雷达芯片研发及产业化', '车规级芯片']
  ]) {
    const id = await submitDemand(shancheng, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: name, domain: { domain: 'chips', direction } })
    await colleague.call('POST', `/api/recommend/demands/${id}/recommend`)
    others.push(id)
  }
  const id = await submitDemand(zhixin, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: TITLE })

  // ── 2. The clerk at a desktop: sign in, 我的 → 推荐工作台 → inbox → the demand beside the list → 退回修改 ──
  const desk = await desktopContext(browser)
  const deskPage = await desk.newPage()
  watch(deskPage)
  await signInFromProfile(deskPage, product.url, /两江新区科技主管部门/)
  await deskPage.locator('[data-testid="open-workbench"]').click()
  const card = deskPage.locator(`[data-testid="review-campaign"][data-campaign-id="${CAMPAIGN}"]`)
  await card.waitFor()
  expect(await card.locator('[data-testid="count-received"] .rc-count__value').textContent()).toBe('3')
  expect(await card.locator('[data-testid="quota-text"]').textContent()).toBe('已推荐 2 / 名额 30')
  await settle(deskPage)
  await shot(deskPage, 'recommend-01-desktop-workbench')

  await card.locator('[data-testid="open-inbox"]').click()
  await row(deskPage, id).waitFor()
  await row(deskPage, id).click()
  const pane = deskPage.locator(`[data-testid="demand-review"][data-demand-id="${id}"]`)
  await pane.locator('[data-testid="decision"]').waitFor()
  await deskPage.getByText('相似度').first().waitFor()
  expect(await row(deskPage, id).locator('[data-testid="status"]').textContent()).toBe('推荐单位审核中')
  await settle(deskPage)
  await shot(deskPage, 'recommend-02-desktop-inbox-detail')

  await pane.locator('[data-action="return"]').click()
  await pane.locator('[data-testid="form-return"] textarea').fill(REASON)
  await shot(deskPage, 'recommend-03-desktop-return-reason')
  await pane.locator('[data-testid="form-submit"]').click()
  await confirmDialog(deskPage, '退回')
  await pane.locator('[data-testid="status"]', { hasText: '已退回修改' }).waitFor()
  await row(deskPage, id).locator('[data-testid="status"]', { hasText: '已退回修改' }).waitFor()
  expect(await pane.locator('[data-testid="last-reason"]').textContent()).toContain(REASON)
  await pane.locator('[data-testid="timeline"]').getByText(REASON).waitFor() // on the record
  await shot(deskPage, 'recommend-04-desktop-returned')
  // The reason is in the demand's thread too, where the clerk and the enterprise talk.
  await pane.locator('[data-testid="open-thread"]').click()
  await deskPage.waitForURL(/packages\/demand\/pages\/thread/)
  await deskPage.locator('[data-kind="return_reason"]', { hasText: REASON }).waitFor()
  await deskPage.goBack()
  await pane.locator('[data-testid="status"]', { hasText: '已退回修改' }).waitFor()

  // ── 3. The enterprise revises and resubmits (API) ──
  const returned = await zhixin.call<DemandStatusView>('GET', `/api/demands/${id}/status`)
  expect(returned.status).toBe('returned')
  await resubmitDemand(zhixin, id, { ...completeAnswers(CAMPAIGN), demandName: REVISED })

  // ── 4. The clerk on a phone: the inbox, the demand (第2版), 推荐, then 推荐排序: move it to first place ──
  const phone = await phoneContext(browser)
  const phonePage = await phone.newPage()
  watch(phonePage)
  await signInFromProfile(phonePage, product.url, /两江新区科技主管部门/)
  await phonePage.locator('[data-testid="open-workbench"]').click()
  await phonePage.locator(`[data-campaign-id="${CAMPAIGN}"] [data-testid="open-inbox"]`).click()
  await row(phonePage, id).waitFor()
  expect(await row(phonePage, id).locator('.rc-row__title').textContent()).toBe(REVISED)
  await settle(phonePage)
  await shot(phonePage, 'recommend-05-phone-inbox')
  await row(phonePage, id).click()
  await phonePage.waitForURL(/packages\/recommend\/pages\/demand/)
  const detail = phonePage.locator(`[data-testid="demand-review"][data-demand-id="${id}"]`)
  await detail.locator('[data-action="recommend"]').waitFor()
  expect(await detail.locator('.rc-review__meta').nth(1).textContent()).toMatch(/^第2版 · 提交于/)
  await settle(phonePage)
  await shot(phonePage, 'recommend-06-phone-detail')
  await detail.locator('[data-action="recommend"]').click()
  await phonePage.locator('.taro-modal__text', { hasText: '第3位' }).waitFor()
  await settle(phonePage) // the dialog fades in
  await shot(phonePage, 'recommend-07-phone-confirm')
  await confirmDialog(phonePage, '推荐')
  await detail.locator('[data-testid="status"]', { hasText: '已推荐 · 第3位' }).waitFor()
  await detail.locator('[data-testid="quota-text"]', { hasText: '已推荐 3 / 名额 30' }).waitFor()
  await shot(phonePage, 'recommend-08-phone-recommended')

  await detail.getByText('调整推荐排序 ›').click()
  await phonePage.waitForURL(/packages\/recommend\/pages\/ranking/)
  const ranked = (n: string) => phonePage.locator(`[data-testid="ranked-item"][data-demand-id="${n}"]`)
  await ranked(id).waitFor()
  await ranked(id).getByRole('button', { name: `上移“${REVISED}”` }).click()
  await ranked(id).getByRole('button', { name: `上移“${REVISED}”` }).click()
  await phonePage.locator('[data-testid="unsaved"]').waitFor()
  await settle(phonePage)
  await shot(phonePage, 'recommend-09-phone-ranking-moved')
  await phonePage.locator('[data-testid="save-ranking"]').click()
  await phonePage.locator('[data-testid="unsaved"]').waitFor({ state: 'detached' })
  const order = await phonePage.locator('[data-testid="ranked-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-demand-id')))
  expect(order).toEqual([id, ...others])
  await shot(phonePage, 'recommend-10-phone-ranking-saved')

  // ── 5. At the desktop: 推荐排序 shows the saved order; export the summary sheet and open it ──
  await deskPage.goto(`${product.url}/#/packages/recommend/pages/ranking/index?campaign=${CAMPAIGN}`)
  await deskPage.locator(`[data-testid="ranked-item"][data-demand-id="${id}"]`).waitFor()
  await settle(deskPage)
  await shot(deskPage, 'recommend-11-desktop-ranking')
  const [download] = await Promise.all([deskPage.waitForEvent('download'), deskPage.locator('.rc-ranking-screen [data-testid="export"]').click()])
  const def = (await zhixin.call<CampaignDetail>('GET', `/api/campaigns/${CAMPAIGN}`)).definition
  expect(download.suggestedFilename()).toBe(`${def.title}汇总表-两江新区科技主管部门.xlsx`)
  const file = path.join(ARTIFACTS, 'recommend-summary.xlsx')
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await download.saveAs(file)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
  expect(String(values(1)[0])).toBe(`${def.title}汇总表（两江新区科技主管部门）`)
  expect(values(2)).toEqual(def.summaryColumns.map((c) => c.header))
  const col = (header: string) => def.summaryColumns.findIndex((c) => c.header === header)
  const ours = values(3)
  expect(ours[col('序号')]).toBe(1)
  expect(ours[col('需求名称')]).toBe(REVISED)
  expect(ours[col('所属领域及方向')]).toBe('高端器件与芯片 / 车规级芯片')
  expect(ours[col('需求单位')]).toBe('重庆智芯微电子有限公司')
  expect(ours[col('统一社会信用代码')]).toBe('91500108576231840F')
  expect(ours[col('推荐单位')]).toBe('两江新区科技主管部门')
  expect(values(4)[col('序号')]).toBe(2)
  expect(sheet.rowCount).toBe(5) // title, header, three demands

  // ── 6. The enterprise sees 已推荐 with its rank: the status API, and its status page ──
  const status = await zhixin.call<DemandStatusView>('GET', `/api/demands/${id}/status`)
  expect(status).toMatchObject({ status: 'recommended', statusLabel: '已推荐', rank: 1 })
  const entContext = await phoneContext(browser)
  const entPage = await entContext.newPage()
  watch(entPage)
  await signInFromProfile(entPage, product.url, /重庆智芯微电子/)
  await entPage.goto(`${product.url}/#/packages/demand/pages/status/index?id=${id}`)
  await entPage.getByText('已推荐').first().waitFor()
  await entPage.locator('[data-testid="rank"]').waitFor()
  expect(await entPage.locator('[data-testid="rank"]').textContent()).toContain('第 1 位')
  await settle(entPage)
  await shot(entPage, 'recommend-12-enterprise-status')

  // ── 7. After the deadline (the real 2025 notice) the clerk's lists are read-only and say so ──
  await phonePage.goto(`${product.url}/#/packages/recommend/pages/ranking/index?campaign=cq-2026-key-areas`)
  await phonePage.locator('.rc-ranking-screen [data-testid="closed-banner"]').waitFor()
  expect(await phonePage.locator('.rc-ranking-screen [data-testid="closed-banner"]').textContent()).toContain('推荐已于2025年7月25日24:00截止')
  expect(await phonePage.locator('.rc-ranking-screen [data-testid="move-up"]').count()).toBe(0)
  await settle(phonePage)
  await shot(phonePage, 'recommend-13-phone-closed-campaign')

  // ── 8. The bureau at a desktop: counts by unit and field, every unit's list, and the export of all ──
  const bureauContext = await desktopContext(browser)
  const bureauPage = await bureauContext.newPage()
  watch(bureauPage)
  await signInFromProfile(bureauPage, product.url, /重庆市科学技术局/)
  await bureauPage.locator('[data-testid="open-workbench"]').click()
  await bureauPage.locator(`[data-testid="review-campaign"][data-campaign-id="${CAMPAIGN}"]`).getByText('统计与结果').click()
  await bureauPage.locator('[data-testid="by-unit"] [data-unit="liangjiang"]').waitFor()
  expect(await bureauPage.locator('[data-testid="by-unit"] [data-unit="liangjiang"]').getAttribute('aria-label')).toBe(
    '两江新区科技主管部门：收到3项，推荐3项，名额30项，入选0项'
  )
  await settle(bureauPage)
  await shot(bureauPage, 'recommend-14-bureau-overview')
  const [all] = await Promise.all([bureauPage.waitForEvent('download'), bureauPage.locator('.rc-overview [data-testid="export"]').click()])
  expect(all.suggestedFilename()).toBe(`${def.title}汇总表-全部推荐单位.xlsx`)
  const allFile = path.join(ARTIFACTS, 'recommend-summary-all.xlsx')
  await all.saveAs(allFile)
  const allBook = new ExcelJS.Workbook()
  await allBook.xlsx.readFile(allFile)
  const allRows = allBook.worksheets[0].getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1))
  expect(allRows.map((r) => r[col('需求名称')])).toEqual([REVISED, '车规级MCU芯片功能安全验证与测试平台建设', '车载毫米波雷达芯片研发及产业化'])
  await bureauPage.locator('.rc-overview').getByText('推荐名单与遴选').click()
  await bureauPage.locator(`[data-testid="ranking-group"][data-unit="liangjiang"] [data-demand-id="${id}"]`).waitFor()
  await settle(bureauPage)
  await shot(bureauPage, 'recommend-15-bureau-ranking')

  expect(errors).toEqual([])
  await Promise.all([desk.close(), phone.close(), entContext.close(), bureauContext.close()])
}, 240_000)
