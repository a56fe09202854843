/**
 * The demand wizard end to end in Chromium (the built H5 app on the real server): a new
 * enterprise contact signs in through the local government provider, completes the profile
 * when asked, starts a demand in the 【演示】 Chongqing campaign, fills it across steps,
 * reloads the page mid-way and continues where it was (with the words typed just before),
 * submits, revises a field, resubmits, and sees two versions with what changed.
 * Screenshots at 375×812 go to test/e2e/artifacts/wizard-*.png.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser, phoneContext, shot, startProduct, type Product } from '../support/product'
import { atStep, chooseLevel, field, next, paragraph, savedSoon, settle, shown, textOf } from '../support/wizard-page'

const CAMPAIGN = 'cq-2026-key-areas-demo'

let product: Product
let browser: Browser

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await product?.close()
})

test('an enterprise fills the Chongqing demand across steps, reloads mid-way, submits, revises and sees two versions', async () => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  // ── Start from the campaign, signed out: sign in through the provider's quick-login ──
  await page.goto(`${product.url}/#/pages/campaign/index?id=${CAMPAIGN}`)
  await page.locator('.start-demand__button', { hasText: '登录后发起需求' }).click()
  await page.locator('.sign-in__button').click()
  await page.waitForURL(/\/interaction\//)
  await shot(page, 'wizard-01-provider')
  await page.getByRole('button', { name: /重庆智芯微电子/ }).click()
  await page.waitForURL((url) => url.toString().startsWith(product.url) && url.hash.includes('campaign'))

  // ── The profile lacks a mobile number: the start button says so and links to the profile ──
  await page.locator('.start-demand__button', { hasText: '发起需求' }).click()
  const problem = page.locator('[data-testid="start-demand-problem"]')
  await problem.waitFor()
  expect(await textOf(problem)).toContain('请先完善单位信息')
  await settle(page)
  await shot(page, 'wizard-02-profile-incomplete')
  await problem.getByText('去完善单位信息').click()
  await page.locator('[aria-label="手机号"] input').fill('13800138000')
  await page.locator('.profile-form__save').click()
  await page.getByText('已保存').first().waitFor()

  // ── Start the demand ──
  await page.goto(`${product.url}/#/pages/campaign/index?id=${CAMPAIGN}`)
  await page.locator('.start-demand__button', { hasText: '发起需求' }).click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await atStep(page, 'secrecy')
  const overview = await textOf(page.locator('.wz-overview__title'))
  expect(overview).toMatch(/^共 7 步，约需 \d+ 分钟$/)
  await settle(page)
  await shot(page, 'wizard-03-gate')

  // 涉密 “是” stops with the notice's words; “否” goes on.
  await field(page, 'classified').locator('[role="radio"][data-value="true"]').click()
  await page.locator('[data-testid="gate-stop"]').waitFor()
  expect(await textOf(page.locator('[data-testid="gate-stop"]'))).toContain('涉密领域技术需求不进行在线征集')
  await shot(page, 'wizard-04-gate-stop')
  await field(page, 'classified').locator('[role="radio"][data-value="false"]').click()
  await next(page)

  // ── 基本信息: the messages name the field, at the field ──
  await atStep(page, 'basic')
  await next(page)
  await page.locator('[data-testid="error-demandName"]').waitFor()
  expect(await textOf(page.locator('[data-testid="error-demandName"]'))).toBe('需求名称为必填项')
  await shot(page, 'wizard-05-basic-errors')
  await field(page, 'demandName').locator('input').fill('车规级功能安全MCU芯片关键技术攻关及产业化')
  await field(page, 'domain').locator('[data-value="chips"]').click()
  await field(page, 'domain').locator('[data-value="车规级芯片"]').click()
  await savedSoon(page)
  await shot(page, 'wizard-06-basic')
  await next(page)

  // ── 需求内容: live counts against the limits ──
  await atStep(page, 'content')
  await field(page, 'background').locator('textarea').fill(paragraph('重庆是全国重要的汽车产业基地，单车MCU用量已超过100颗'))
  await field(page, 'currentStatus').locator('textarea').fill(paragraph('国际上车规级MCU市场由少数几家境外厂商占据，国内尚无大批量装车的ASIL-D级产品'))
  await field(page, 'researchContent').locator('textarea').fill(paragraph('研究面向动力域和底盘域的锁步多核处理器架构，完成ASIL-D产品认证'))
  expect(await textOf(page.locator('[data-testid="count-background"]'))).toMatch(/^\d+\/1000$/)
  await shot(page, 'wizard-07-content')
  await next(page)

  // ── 预期成果: maturity, date, indicator table; then reload before the pause ──
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
  for (let i = 0; i < rows.length; i++) {
    await field(page, 'indicators').locator('.wz-add-row').click()
    const row = field(page, 'indicators').locator(`[data-row="${i}"]`)
    const cols = ['name', 'current', 'target', 'unit']
    for (let c = 0; c < cols.length; c++) await row.locator(`[data-column="${cols[c]}"] input`).fill(rows[i][c])
  }
  await savedSoon(page)
  await shot(page, 'wizard-08-outcome')
  const typedJustBefore = '国内车规级MCU年需求量超过40亿颗，国产替代空间巨大。'
  await field(page, 'industrialization').locator('textarea').fill(typedJustBefore)
  // The page goes away before the pause: the words are on the phone, not yet on the server.
  await page.reload()
  await atStep(page, 'outcome')
  await expect(field(page, 'industrialization').locator('textarea').inputValue()).resolves.toBe(typedJustBefore)
  await expect(field(page, 'indicators').locator('[data-row="2"] [data-column="unit"] input').inputValue()).resolves.toBe('℃')
  await savedSoon(page)
  await settle(page)
  await shot(page, 'wizard-09-after-reload')
  await field(page, 'applicationEntities').locator('textarea').fill('长安汽车、赛力斯等整车企业，以及一级零部件供应商。')
  await field(page, 'applicationScenarios').locator('textarea').fill('新能源汽车动力电池管理系统、电机控制器、线控制动与转向系统。')
  await next(page)

  // ── 攻关组织: 揭榜挂帅 “是” opens its fields ──
  await atStep(page, 'organization')
  await field(page, 'organizationModes').locator('[data-value="cross_region"]').click()
  await field(page, 'organizationModes').locator('[data-value="industry_academia"]').click()
  expect(await field(page, 'solverRequirements').count()).toBe(0)
  await field(page, 'openCompetition').locator('[data-value="yes"]').click()
  await field(page, 'solverRequirements').waitFor()
  await field(page, 'solverRequirements').locator('textarea').fill('具有车规级芯片设计经验和ISO 26262功能安全流程认证，研发团队不少于30人。')
  await field(page, 'openCompetitionInvestment').locator('input').fill('1200.555')
  await page.locator('[data-testid="error-openCompetitionInvestment"]').waitFor()
  expect(await textOf(page.locator('[data-testid="error-openCompetitionInvestment"]'))).toContain('最多保留2位小数')
  await field(page, 'openCompetitionInvestment').locator('input').fill('1200.5')
  await field(page, 'jointImplementation').locator('[data-value="no"]').click()
  await shot(page, 'wizard-10-organization')
  await next(page)

  // ── 推荐单位: searchable, grouped by unit type ──
  await atStep(page, 'recommend')
  await field(page, 'recommender').locator('.wz-picker-button').click()
  await page.locator('.wz-sheet__search input').fill('两江')
  await shot(page, 'wizard-11-recommender-search')
  await page.locator('[data-unit="liangjiang"]').click()
  await next(page)

  // ── 附件: a PDF picked with the browser's file picker, uploaded with progress ──
  await atStep(page, 'files')
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-')), '技术指标说明.pdf')
  fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  const chooser = page.waitForEvent('filechooser')
  await field(page, 'attachments').locator('.wz-add-row').click()
  await (await chooser).setFiles(pdf)
  await field(page, 'attachments').locator('[data-attachment]', { hasText: '技术指标说明.pdf' }).locator('.wz-file__meta', { hasText: '已上传' }).waitFor()
  await savedSoon(page)
  await shot(page, 'wizard-12-attachments')
  await next(page)

  // ── Review: everything as it will be submitted, then submit with a confirmation ──
  await page.waitForURL(/packages\/demand\/pages\/review/)
  await page.locator('[data-testid="completeness"]', { hasText: '7 步已全部完成' }).waitFor()
  expect(await textOf(page.locator('[data-review-field="recommender"]'))).toContain('两江新区科技主管部门')
  await settle(page)
  await shot(page, 'wizard-13-review')
  await page.locator('.wz-actionbar__next', { hasText: '提交需求' }).click()
  await page.locator('.nut-dialog-footer-ok').click()
  const done = page.locator('[data-testid="submitted"]')
  await done.waitFor()
  expect(await textOf(page.locator('[data-testid="submitted-version"]'))).toBe('第 1 版')
  expect(await textOf(done)).toMatch(/前，您仍可修改并重新提交/)
  await settle(page)
  await shot(page, 'wizard-14-submitted')

  // ── Revise the name: 我的需求 → the demand → its content (review) → 修改, then resubmit ──
  await page.locator('.wz-done__button', { hasText: '返回我的需求' }).click()
  await shown(page, '.demand-item').first().click()
  await shown(page, '[data-testid="open-review"]').click() // the status page's link to the content
  await page.waitForURL(/packages\/demand\/pages\/review/)
  await shown(page, '[data-review-field="demandName"] .wz-review__edit').click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await atStep(page, 'basic')
  await field(page, 'demandName').locator('input').fill('车规级ASIL-D功能安全MCU芯片攻关及产业化')
  await savedSoon(page)
  await settle(page)
  await shot(page, 'wizard-15-revised')
  await shown(page, '[data-testid="submitted-banner"]').getByText('检查并重新提交').click()
  await page.waitForURL(/packages\/demand\/pages\/review/)
  await shown(page, '.wz-actionbar__next').filter({ hasText: '重新提交（第2版）' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  await shown(page, '[data-testid="submitted-version"]').filter({ hasText: '第 2 版' }).waitFor()
  await settle(page)
  await shot(page, 'wizard-16-resubmitted')

  // ── Two versions, newest first, with what changed ──
  await shown(page, '.wz-done__button').filter({ hasText: '查看版本记录' }).click()
  await page.waitForURL(/packages\/demand\/pages\/versions/)
  await page.locator('[data-version="2"]').waitFor()
  const versions = await page.locator('[data-version]').evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))
  expect(versions).toEqual(['2', '1'])
  const change = page.locator('[data-version="2"] [data-change-field="demandName"]')
  expect(await textOf(change)).toContain('车规级功能安全MCU芯片关键技术攻关及产业化')
  expect(await textOf(change)).toContain('车规级ASIL-D功能安全MCU芯片攻关及产业化')
  expect(await page.locator('[data-version="2"] [data-change-field]').count()).toBe(1)
  expect(await textOf(page.locator('[data-version="1"]'))).toContain('首次提交')
  await settle(page)
  await shot(page, 'wizard-17-versions')

  expect(errors).toEqual([])
  await context.close()
}, 240_000)

/** A Chongqing demand complete enough to submit (set up through the API, as another device would have). */
const COMPLETE = {
  classified: false,
  demandName: '车规级MCU芯片提交时断网的需求',
  domain: { domain: 'chips', direction: '车规级芯片' },
  background: '重庆是全国重要的汽车产业基地，新能源汽车和智能网联汽车产量快速增长，单车MCU用量已超过100颗。'.repeat(2),
  currentStatus: '国际上车规级MCU市场由少数几家境外厂商占据，国内尚无大批量装车的ASIL-D级产品，差距明显。'.repeat(2),
  researchContent: '研究面向动力域和底盘域的锁步多核处理器架构，完成ASIL-D产品认证并批量装车验证。'.repeat(2),
  expectedOutcome: '形成ASIL-D级车规MCU芯片1款。',
  currentMaturity: 4,
  expectedMaturity: 7,
  expectedCompletion: '2027-12-31',
  indicators: [
    { name: 'CPU主频', current: '160', target: '300', unit: 'MHz' },
    { name: '功能安全等级', current: 'ASIL-B', target: 'ASIL-D', unit: '级' },
    { name: '最高工作结温', current: '125', target: '150', unit: '℃' }
  ],
  industrialization: '国产替代空间巨大。',
  applicationEntities: '整车企业。',
  applicationScenarios: '电池管理系统。',
  openCompetition: 'no',
  jointImplementation: 'no',
  recommender: 'liangjiang'
}

test('the network drops on submit: the page asks the server and says plainly whether it was submitted', async () => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  await page.goto(`${product.url}/#/pages/login/index`)
  await page.locator('.sign-in__button').click()
  await page.waitForURL(/\/interaction\//)
  await page.getByRole('button', { name: /重庆智芯微电子/ }).click()
  await page.waitForURL((url) => url.toString().startsWith(product.url))
  const ids = (await page.evaluate(`(async () => {
    const me = await (await fetch('/api/auth/me')).json()
    const send = (method, path, body) => fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then((r) => r.json())
    const ids = []
    for (let i = 0; i < 2; i++) {
      const d = await send('POST', '/api/campaigns/${CAMPAIGN}/demands', {})
      await send('PUT', '/api/demands/' + d.id + '/draft', { baseVersion: d.version, answers: ${JSON.stringify(COMPLETE)}, currentStep: 'files' })
      ids.push(d.id)
    }
    return ids
  })()`)) as string[]

  // 1. The request never reaches the server: 未提交, said so.
  await page.goto(`${product.url}/#/packages/demand/pages/review/index?id=${ids[0]}`)
  await page.route('**/submit', (route) => route.abort('connectionreset'))
  await shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  const error = shown(page, '[data-testid="submit-error"]')
  await error.waitFor({ timeout: 20_000 })
  expect(await textOf(error)).toContain('本次提交没有成功')
  await settle(page)
  await shot(page, 'wizard-18-submit-dropped-not-submitted')
  await page.unroute('**/submit')

  // 2. The server takes the submission but its answer is lost: 已提交, said so.
  await page.goto(`${product.url}/#/packages/demand/pages/review/index?id=${ids[1]}`)
  await page.route('**/submit', async (route) => {
    await route.fetch()
    await route.abort('connectionreset')
  })
  await shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  const done = shown(page, '[data-testid="submitted"]')
  await done.waitFor({ timeout: 20_000 })
  expect(await textOf(done)).toContain('已向服务器确认：本次提交已成功')
  await settle(page)
  await shot(page, 'wizard-19-submit-dropped-but-submitted')
  await context.close()
}, 120_000)
