/**
 * The whole journey in Chromium (the built H5 app on the real server), two phones (375×812,
 * touch): the contact of 重庆智芯微电子 and the clerk of 两江新区 (the recommending unit).
 *
 * The enterprise browses the campaigns, signs in through the local government provider,
 * completes the profile when asked, and fills the 【演示】 Chongqing demand in two sittings: the
 * page is closed just after typing (before the autosave) and a new page later finds the draft,
 * the last words included. It submits; the clerk returns it with a reason from the inbox; the
 * enterprise gets the badge, reads the reason in the message center, on the status page and in
 * the thread, answers there, revises and resubmits (two versions with what changed). The clerk
 * sees the answer, recommends the demand, moves it to first place in 推荐排序 and exports the
 * summary sheet (the xlsx is opened and its rows checked). The enterprise sees 已推荐 with its rank.
 *
 * Every page is screenshotted to test/e2e/artifacts/journey-*.png and checked with axe-core.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { CampaignDetail } from '../../types/domain'
import { lookAt } from '../support/a11y'
import { completeProfile, signInOverHttp, submitDemand } from '../support/http-session'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { confirmDialog, inboxRow, openSummarySheet } from '../support/recommend-page'
import { atStep, chooseLevel, field, next, openCampaign, paragraph, savedSoon, shown, textOf } from '../support/wizard-page'
import { completeAnswers } from '../types/fixtures'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const TITLE = '车规级功能安全MCU芯片关键技术攻关及产业化'
const REVISED = '车规级ASIL-D功能安全MCU芯片攻关及产业化'
const REASON = '请补充核心技术参数指标的测试条件（如最高工作结温的测试标准），并写明揭榜挂帅的投入来源。'
const REPLY = '已补充：结温按AEC-Q100 Grade 0 测试，投入来源见修改后的需求。'

const e2e = productAndBrowser()

const tab = (page: Page, n: 0 | 1 | 2) => page.locator('.weui-tabbar__item').nth(n)
const badge = (page: Page) => tab(page, 1).locator('.taro-tabbar-badge')

test('an enterprise fills, submits, is returned, revises and is recommended with its rank; the unit returns, recommends, ranks and exports', async () => {
  const { product, browser } = e2e
  const errors: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(e.message))
    // what the page's CSP refused (a tab tap following Taro's javascript: link did)
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/.test(m.text()) && errors.push(m.text()))
    return page
  }

  // Two demands of another enterprise, already recommended by a colleague of the clerk (API).
  const shancheng = await signInOverHttp(product.url, 'ent-shancheng')
  await completeProfile(shancheng, 'ent-shancheng')
  const colleague = await signInOverHttp(product.url, 'rec-liangjiang')
  const others: string[] = []
  for (const name of ['车规级MCU芯片功能安全验证与测试平台建设', '车载毫米波雷达芯片研发及产业化']) {
    const other = await submitDemand(shancheng, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: name })
    await colleague.call('POST', `/api/recommend/demands/${other}/recommend`)
    others.push(other)
  }

  // ════ The enterprise, first sitting ════
  const phone = await phoneContext(browser)
  let page = watch(await phone.newPage())

  // ── The campaigns, signed out; the Chongqing one ──
  await page.goto(product.url + '/')
  await page.getByText('【演示】', { exact: false }).first().waitFor()
  for (const words of ['征集中', /剩 \d+ 天/, '已截止']) await expect(page.getByText(words).first().isVisible()).resolves.toBe(true)
  await lookAt(page, 'journey-01-campaigns')
  await page.locator(`.campaign-item[data-campaign-id="${CAMPAIGN}"]`).click()
  await shown(page, '.start-demand__button').waitFor()
  await shown(page, 'text=填报截止').first().waitFor()
  await lookAt(page, 'journey-02-campaign')
  // Further down: the seven fields and the consultation contacts.
  for (const words of ['text="人工智能"', 'text=/郑美娟/']) await shown(page, words).first().waitFor()

  // ── Sign in through the government provider ──
  await shown(page, '.start-demand__button').filter({ hasText: '登录后发起需求' }).click()
  await page.waitForURL(/pages\/login/)
  await lookAt(page, 'journey-03-sign-in')
  await signInFromProfile(page, product.url, /重庆智芯微电子/, { back: /campaign/, atProvider: (p) => lookAt(p, 'journey-04-provider') })

  // ── The profile lacks a mobile number: the start button says so and links to the profile ──
  await shown(page, '.start-demand__button').filter({ hasText: '发起需求' }).click()
  const problem = shown(page, '[data-testid="start-demand-problem"]')
  await problem.waitFor()
  expect(await textOf(problem)).toContain('请先完善单位信息')
  await lookAt(page, 'journey-05-profile-missing')
  await problem.getByText('去完善单位信息').click()
  const mobile = shown(page, '[aria-label="手机号"] input')
  await mobile.waitFor()
  expect(await textOf(shown(page, '.profile-identity [data-field="creditCode"]'))).toContain('91500108576231840F')
  await mobile.fill('13800138000')
  await shown(page, '.profile-form__save').click()
  await page.getByText('已保存').first().waitFor()
  await lookAt(page, 'journey-06-profile-saved')

  // ── Nothing in the message center yet ──
  await page.goto(`${product.url}/#/pages/messages/index`)
  await page.getByText('暂无消息').waitFor()
  await lookAt(page, 'journey-07-messages-empty')

  // ── Start the demand: the gate first ──
  await (await openCampaign(page, `${product.url}/#/pages/campaign/index?id=${CAMPAIGN}`)).click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await atStep(page, 'secrecy')
  expect(await textOf(shown(page, '.wz-overview__title'))).toMatch(/^共 7 步，约需 \d+ 分钟$/)
  await lookAt(page, 'journey-08-wizard-gate')
  // 涉密 “是” stops with the notice's words; “否” goes on.
  await field(page, 'classified').locator('[role="radio"][data-value="true"]').click()
  await shown(page, '[data-testid="gate-stop"]').waitFor()
  expect(await textOf(shown(page, '[data-testid="gate-stop"]'))).toContain('涉密领域技术需求不进行在线征集')
  await lookAt(page, 'journey-09-wizard-gate-stop')
  await field(page, 'classified').locator('[role="radio"][data-value="false"]').click()
  await next(page)

  // ── 基本信息: the messages name the field, at the field ──
  await atStep(page, 'basic')
  await next(page)
  const nameError = shown(page, '[data-testid="error-demandName"]')
  await nameError.waitFor()
  expect(await textOf(nameError)).toBe('需求名称为必填项')
  await lookAt(page, 'journey-10-wizard-basic-errors')
  await field(page, 'demandName').locator('input').fill(TITLE)
  await field(page, 'domain').locator('[data-value="chips"]').click()
  await field(page, 'domain').locator('[data-value="车规级芯片"]').click()
  await savedSoon(page)
  await lookAt(page, 'journey-11-wizard-basic')
  await next(page)

  // ── 需求内容: live counts against the limits ──
  await atStep(page, 'content')
  await field(page, 'background').locator('textarea').fill(paragraph('重庆是全国重要的汽车产业基地，单车MCU用量已超过100颗'))
  await field(page, 'currentStatus').locator('textarea').fill(paragraph('国际上车规级MCU市场由少数几家境外厂商占据，国内尚无大批量装车的ASIL-D级产品'))
  await field(page, 'researchContent').locator('textarea').fill(paragraph('研究面向动力域和底盘域的锁步多核处理器架构，完成ASIL-D产品认证'))
  expect(await textOf(shown(page, '[data-testid="count-background"]'))).toMatch(/^\d+\/1000$/)
  await lookAt(page, 'journey-12-wizard-content')
  await next(page)

  // ── 预期成果: maturity, date, indicator table ──
  await atStep(page, 'outcome')
  await field(page, 'expectedOutcome').locator('textarea').fill('形成具有自主知识产权的ASIL-D级车规MCU芯片1款及配套软件开发套件。')
  await chooseLevel(page, 'currentMaturity', '核心技术当前成熟度', 4)
  await chooseLevel(page, 'expectedMaturity', '核心技术预期成熟度', 7)
  await field(page, 'expectedCompletion').locator('.wz-picker-button').click()
  await page.locator('.nut-picker-confirm-btn').click()
  const rows = [
    ['CPU主频', '160', '300', 'MHz'],
    ['功能安全等级', 'ASIL-B', 'ASIL-D', '级'],
    ['最高工作结温', '125', '150', '℃']
  ]
  for (const [i, cells] of rows.entries()) {
    await field(page, 'indicators').locator('.wz-add-row').click()
    const row = field(page, 'indicators').locator(`[data-row="${i}"]`)
    for (const [c, column] of ['name', 'current', 'target', 'unit'].entries()) await row.locator(`[data-column="${column}"] input`).fill(cells[c])
  }
  await savedSoon(page)
  await lookAt(page, 'journey-13-wizard-outcome')
  // The contact types a sentence and closes the page at once: the words are on the phone, not yet on the server.
  const typedJustBefore = '国内车规级MCU年需求量超过40亿颗，国产替代空间巨大。'
  await field(page, 'industrialization').locator('textarea').fill(typedJustBefore)
  await page.close()

  // ════ The enterprise, second sitting: a new page, 我的 → 我的需求 → the draft ══
  page = watch(await phone.newPage())
  await page.goto(`${product.url}/#/pages/profile/index`)
  await shown(page, '.profile-menu__item').filter({ hasText: '我的需求' }).click()
  const draft = shown(page, '.demand-item').filter({ hasText: TITLE })
  await draft.waitFor()
  expect(await textOf(draft.locator('.demand-item__action'))).toBe('继续填写 ›')
  await lookAt(page, 'journey-14-my-demands-draft')
  await draft.click()
  await atStep(page, 'outcome')
  expect(await field(page, 'industrialization').locator('textarea').inputValue()).toBe(typedJustBefore)
  expect(await field(page, 'indicators').locator('[data-row="2"] [data-column="unit"] input').inputValue()).toBe('℃')
  await savedSoon(page) // the words kept on the phone reach the server now
  await lookAt(page, 'journey-15-wizard-second-sitting')
  await field(page, 'applicationEntities').locator('textarea').fill('长安汽车、赛力斯等整车企业，以及一级零部件供应商。')
  await field(page, 'applicationScenarios').locator('textarea').fill('新能源汽车动力电池管理系统、电机控制器、线控制动与转向系统。')
  await next(page)

  // ── 攻关组织: 揭榜挂帅 “是” opens its fields; amounts keep two decimals ──
  await atStep(page, 'organization')
  await field(page, 'organizationModes').locator('[data-value="cross_region"]').click()
  await field(page, 'organizationModes').locator('[data-value="industry_academia"]').click()
  expect(await field(page, 'solverRequirements').count()).toBe(0)
  await field(page, 'openCompetition').locator('[data-value="yes"]').click()
  await field(page, 'solverRequirements').waitFor()
  await field(page, 'solverRequirements').locator('textarea').fill('具有车规级芯片设计经验和ISO 26262功能安全流程认证，研发团队不少于30人。')
  await field(page, 'openCompetitionInvestment').locator('input').fill('1200.555')
  const amountError = shown(page, '[data-testid="error-openCompetitionInvestment"]')
  await amountError.waitFor()
  expect(await textOf(amountError)).toContain('最多保留2位小数')
  await field(page, 'openCompetitionInvestment').locator('input').fill('1200.5')
  // 联合实施 is the recommending unit's to answer (三（五）), not asked here
  await lookAt(page, 'journey-16-wizard-organization')
  await next(page)

  // ── 推荐单位: searchable, grouped by unit type ──
  await atStep(page, 'recommend')
  await field(page, 'recommender').locator('.wz-picker-button').click()
  await page.locator('.wz-sheet__search input').fill('两江')
  await lookAt(page, 'journey-17-wizard-recommender-search')
  await page.locator('[data-unit="liangjiang"]').click()
  await next(page)

  // ── 附件: a PDF picked with the browser's file picker, uploaded with progress ──
  await atStep(page, 'files')
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-')), '技术指标说明.pdf')
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  const chooser = page.waitForEvent('filechooser')
  await field(page, 'attachments').locator('.wz-add-row').click()
  await (await chooser).setFiles(pdf)
  await field(page, 'attachments').locator('[data-attachment]', { hasText: '技术指标说明.pdf' }).locator('.wz-file__meta', { hasText: '已上传' }).waitFor()
  await savedSoon(page)
  await lookAt(page, 'journey-18-wizard-attachments')
  await next(page)

  // ── Review: everything as it will be submitted, then submit with a confirmation ──
  await page.waitForURL(/packages\/demand\/pages\/review/)
  await shown(page, '[data-testid="completeness"]').filter({ hasText: '7 步已全部完成' }).waitFor()
  expect(await textOf(shown(page, '[data-review-field="recommender"]'))).toContain('两江新区科技主管部门')
  await lookAt(page, 'journey-19-review')
  await shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  const done = shown(page, '[data-testid="submitted"]')
  await done.waitFor()
  expect(await textOf(shown(page, '[data-testid="submitted-version"]'))).toBe('第 1 版')
  expect(await textOf(done)).toMatch(/前，您仍可修改并重新提交/)
  await lookAt(page, 'journey-20-submitted')
  const id = new URL(page.url().replace('#', '')).searchParams.get('id')!
  expect(id).toBeTruthy()

  // ════ The clerk of 两江新区, on a phone: the inbox, the demand, 退回修改 with a reason ════
  const unitPhone = await phoneContext(browser)
  const unit = watch(await unitPhone.newPage())
  await signInFromProfile(unit, product.url, /两江新区科技主管部门/)
  await lookAt(unit, 'journey-21-unit-profile')
  await unit.locator('[data-testid="open-workbench"]').click()
  const card = unit.locator(`[data-testid="review-campaign"][data-campaign-id="${CAMPAIGN}"]`)
  await card.waitFor()
  expect(await textOf(card.locator('[data-testid="count-received"] .rc-count__value'))).toBe('3')
  await lookAt(unit, 'journey-22-unit-workbench')
  await card.locator('[data-testid="open-inbox"]').click()
  await inboxRow(unit, id).waitFor()
  expect(await textOf(inboxRow(unit, id).locator('.rc-row__title'))).toBe(TITLE)
  await lookAt(unit, 'journey-23-unit-inbox')
  await inboxRow(unit, id).click()
  await unit.waitForURL(/packages\/recommend\/pages\/demand/)
  const review = shown(unit, `[data-testid="demand-review"][data-demand-id="${id}"]`)
  await review.locator('[data-action="return"]').waitFor()
  await unit.getByText('相似度').first().waitFor() // the other enterprise's demands in the same direction
  await lookAt(unit, 'journey-24-unit-demand')
  await review.locator('[data-action="return"]').click()
  await review.locator('[data-testid="form-return"] textarea').fill(REASON)
  await lookAt(unit, 'journey-25-unit-return-reason')
  await review.locator('[data-testid="form-submit"]').click()
  await confirmDialog(unit, '退回')
  await review.locator('[data-testid="status"]', { hasText: '已退回修改' }).waitFor()
  expect(await textOf(review.locator('[data-testid="last-reason"]'))).toContain(REASON)
  await lookAt(unit, 'journey-26-unit-returned')

  // ════ The enterprise comes back: the badge, the message center, the status page, the thread ════
  await page.goto(`${product.url}/#/pages/index/index`)
  await badge(page).waitFor()
  expect(await textOf(badge(page))).toBe('2')
  await lookAt(page, 'journey-27-badge')
  await tab(page, 1).click()
  const returned = shown(page, '.message-item').filter({ hasText: '需求被退回修改' })
  await returned.waitFor()
  expect(await textOf(returned)).toContain(REASON)
  expect(await textOf(shown(page, '[data-testid="unread-summary"]'))).toBe('2 条未读')
  expect(await shown(page, '.message-item.is-unread').count()).toBe(2)
  await lookAt(page, 'journey-28-messages')

  await returned.click()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await shown(page, '[data-testid="status-label"]').filter({ hasText: '已退回修改' }).waitFor()
  expect(await textOf(shown(page, '.timeline-entry.is-current .timeline-entry__reason-text'))).toBe(REASON)
  expect(await textOf(shown(page, '[data-testid="next-actions"]'))).toMatch(/修改需求、提交：可至 \d{4}年\d{1,2}月\d{1,2}日 24:00/)
  await lookAt(page, 'journey-29-status-returned')

  await shown(page, '.status-links__item').filter({ hasText: '与推荐单位留言' }).click()
  await page.waitForURL(/packages\/demand\/pages\/thread/)
  const reason = shown(page, '[data-kind="return_reason"]')
  await reason.waitFor()
  expect(await textOf(reason.locator('.bubble__label'))).toBe('退回原因')
  expect(await textOf(reason.locator('.bubble__text'))).toBe(REASON)
  await shown(page, '.thread__input textarea').fill(REPLY)
  await shown(page, '.thread__send').click()
  const mine = shown(page, '[data-mine="true"]')
  await mine.waitFor()
  expect(await textOf(mine.locator('.bubble__text'))).toBe(REPLY)
  expect(await shown(page, '.thread__input textarea').inputValue()).toBe('')
  await lookAt(page, 'journey-30-thread-reply')

  // Everything about this demand was read in the thread: the badge is gone.
  await page.goBack()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await page.goBack()
  await page.waitForURL(/pages\/messages\/index/)
  // the status page left is gone before the same page is opened again (its button must not be taken for the new one's)
  await page.locator('[data-testid="status-label"]').waitFor({ state: 'detached' })
  await shown(page, '[data-testid="unread-summary"]').filter({ hasText: '没有未读消息' }).waitFor()
  expect(await badge(page).count()).toBe(0)

  // ── Revise as asked: the status page → 按退回原因修改 → the name → 检查并重新提交 → 第2版 ──
  await returned.click()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await shown(page, '[data-testid="status-label"]').filter({ hasText: '已退回修改' }).waitFor()
  await shown(page, '.status-next__button').filter({ hasText: '按退回原因修改' }).click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await shown(page, '[data-testid="submitted-banner"]').waitFor()
  await shown(page, '.wz-step[data-step="basic"]').click() // the step rail
  await atStep(page, 'basic')
  await field(page, 'demandName').locator('input').fill(REVISED)
  await savedSoon(page)
  await lookAt(page, 'journey-31-wizard-revised')
  await shown(page, '[data-testid="submitted-banner"]').getByText('检查并重新提交').click()
  await page.waitForURL(/packages\/demand\/pages\/review/)
  await shown(page, '.wz-actionbar__next').filter({ hasText: '重新提交（第2版）' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  await shown(page, '[data-testid="submitted-version"]').filter({ hasText: '第 2 版' }).waitFor()
  await lookAt(page, 'journey-32-resubmitted')

  // ── Two versions, newest first, with what changed ──
  await shown(page, '.wz-done__button').filter({ hasText: '查看版本记录' }).click()
  await page.waitForURL(/packages\/demand\/pages\/versions/)
  await shown(page, '[data-version="2"]').waitFor()
  expect(await shown(page, '[data-version]').evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))).toEqual(['2', '1'])
  const change = shown(page, '[data-version="2"] [data-change-field="demandName"]')
  expect(await textOf(change)).toContain(TITLE)
  expect(await textOf(change)).toContain(REVISED)
  expect(await shown(page, '[data-version="2"] [data-change-field]').count()).toBe(1)
  expect(await textOf(shown(page, '[data-version="1"]'))).toContain('首次提交')
  await lookAt(page, 'journey-33-versions')

  // ════ The clerk: the answer in the thread, then 推荐, 推荐排序 (to first place), the summary sheet ════
  await unit.goto(`${product.url}/#/packages/recommend/pages/demand/index?id=${id}`)
  const again = shown(unit, `[data-testid="demand-review"][data-demand-id="${id}"]`)
  await again.locator('[data-action="recommend"]').waitFor()
  expect(await textOf(again.locator('.rc-review__meta').nth(1))).toMatch(/^第2版 · 提交于/)
  await again.locator('[data-testid="open-thread"]').click()
  await unit.waitForURL(/packages\/demand\/pages\/thread/)
  await shown(unit, '[data-mine="false"]').filter({ hasText: REPLY }).waitFor()
  expect(await shown(unit, '[data-kind="return_reason"]').getAttribute('data-mine')).toBe('true')
  await lookAt(unit, 'journey-34-unit-thread')
  await unit.goBack()
  await again.locator('[data-action="recommend"]').click()
  // the unit's own part (三（五）): 联合实施 with its investment
  const form = again.locator('[data-testid="form-recommend"]')
  await form.locator('[data-field="jointImplementation"] [data-value="yes"]').click()
  await form.locator('[data-field="jointInvestment"] input').fill('500')
  await lookAt(unit, 'journey-35-unit-recommend-form')
  await form.locator('[data-testid="form-submit"]').click()
  await unit.locator('.taro-modal__text', { hasText: '第3位' }).waitFor()
  await lookAt(unit, 'journey-35-unit-recommend-confirm')
  await confirmDialog(unit, '推荐')
  await again.locator('[data-testid="status"]', { hasText: '已推荐 · 第3位' }).waitFor()
  await again.locator('[data-testid="quota-text"]', { hasText: '已推荐 3 / 名额 30' }).waitFor()
  await lookAt(unit, 'journey-36-unit-recommended')

  await again.getByText('调整推荐排序 ›').click()
  await unit.waitForURL(/packages\/recommend\/pages\/ranking/)
  const ranked = shown(unit, `[data-testid="ranked-item"][data-demand-id="${id}"]`)
  await ranked.waitFor()
  for (let i = 0; i < 2; i++) await ranked.getByRole('button', { name: `上移“${REVISED}”` }).click()
  await shown(unit, '[data-testid="unsaved"]').waitFor()
  await lookAt(unit, 'journey-37-unit-ranking-moved')
  await shown(unit, '[data-testid="save-ranking"]').click()
  await shown(unit, '[data-testid="unsaved"]').waitFor({ state: 'detached' })
  expect(await shown(unit, '[data-testid="ranked-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-demand-id')))).toEqual([id, ...others])
  await lookAt(unit, 'journey-38-unit-ranking-saved')

  const [download] = await Promise.all([unit.waitForEvent('download'), shown(unit, '.rc-ranking-screen [data-testid="export"]').click()])
  const def = (await (await fetch(`${product.url}/api/campaigns/${CAMPAIGN}`)).json() as CampaignDetail).definition
  expect(download.suggestedFilename()).toBe(`${def.title}汇总表-两江新区科技主管部门.xlsx`)
  const sheet = await openSummarySheet(download, 'journey-summary.xlsx')
  const col = (header: string) => def.summaryColumns.findIndex((c) => c.header === header)
  expect(String(sheet[0][0])).toBe(`${def.title}汇总表（两江新区科技主管部门）`)
  expect(sheet[1]).toEqual(def.summaryColumns.map((c) => c.header))
  expect(sheet).toHaveLength(5) // title, header, three demands
  const ours = sheet[2]
  expect(ours[col('序号')]).toBe(1)
  expect(ours[col('需求名称')]).toBe(REVISED)
  expect(ours[col('所属领域及方向')]).toBe('高端器件与芯片 / 车规级芯片')
  expect(ours[col('需求单位')]).toBe('重庆智芯微电子有限公司')
  expect(ours[col('统一社会信用代码')]).toBe('91500108576231840F')
  expect(ours[col('推荐单位')]).toBe('两江新区科技主管部门')
  expect(sheet.slice(3).map((r) => r[col('序号')])).toEqual([2, 3])

  // ════ The enterprise: 我的需求 says 已推荐; the status page gives the rank ════
  await page.goto(`${product.url}/#/packages/demand/pages/list/index`)
  const item = shown(page, `.demand-item[data-demand-id="${id}"]`)
  await item.locator('.demand-item__status', { hasText: '已推荐' }).waitFor()
  await lookAt(page, 'journey-39-my-demands-recommended')
  await item.click()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await shown(page, '[data-testid="status-label"]').filter({ hasText: '已推荐' }).waitFor()
  expect(await textOf(shown(page, '[data-testid="rank"]'))).toContain('第 1 位')
  await lookAt(page, 'journey-40-status-recommended')

  // ── Which reminders the enterprise gets ──
  await page.goto(`${product.url}/#/packages/demand/pages/settings/index`)
  await page.getByText('截止前7天提醒').waitFor()
  await lookAt(page, 'journey-41-reminder-settings')

  expect(errors).toEqual([])
  await Promise.all([phone.close(), unitPhone.close()])
}, 600_000)
