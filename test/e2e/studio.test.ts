/**
 * Campaigns are data for the people who publish them, end to end in Chromium (the built H5 app
 * on the real server), on phones (375×812, touch).
 *
 * The clerk of 重庆市科学技术局 opens 我的 → 活动工作室 and turns a notice that is none of the three
 * shipped (a 2027 先进材料 揭榜挂帅 technology-demand collection) into a campaign: the texts,
 * dates, who may file and whom to ask in 基本信息; a kind of recommending unit with its quota and
 * 两江新区 in 推荐单位; a second step and fields in 步骤与字段; the rest (a choice, an amount, the
 * recommender field, what the unit gives when it recommends, the summary columns) typed into the
 * JSON view, where a wrong date is named by its path before it is put right. The preview shows
 * the wizard; the campaign is published (第 1 版 in the history) and enterprises find it.
 *
 * 重庆智芯微电子 signs in, completes its profile and files a demand to submission; 两江新区
 * recommends it with its 推荐意见 and the stamped 推荐表 (a PDF upload); the unit's summary sheet
 * has the campaign's columns, the opinion and the file among them.
 *
 * Every page is checked with axe-core (but the unit's after recommending: see there); screenshots go to
 * test/e2e/artifacts/studio-e2e-*.png, the summary sheet to studio-e2e-summary.xlsx.
 */
import type { Locator, Page } from 'playwright-core'
import type { CampaignDefinition, SummaryColumn } from '../../types/campaign'
import { addDays, dayOf } from '../../types/time'
import { lookAt } from '../support/a11y'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { confirmDialog, inboxRow, openSummarySheet } from '../support/recommend-page'
import { atStep, chooseRecommender, field, next, paragraph, savedSoon, shown, startButton, submitFromReview, textOf } from '../support/wizard-page'

// A notice written for this test (its number 渝科局发〔2026〕87号 is made up), not one of shared/notices, as the bureau types it.
const TITLE = '2027年度先进材料产业“揭榜挂帅”技术需求征集'
const TAGLINE = '面向先进材料产业链关键环节，征集企业愿意出资求解的技术难题'
const SUMMARY =
  '为加快先进材料产业链关键核心技术攻关，市科技局面向全市征集企业“揭榜挂帅”技术需求。\n' +
  '需求单位应为在渝注册的企业，需求须有明确的技术指标和出资承诺；经区县科技主管部门或市级行业主管部门审核推荐后，择优发布榜单。'
const NOTICE = '渝科局发〔2026〕87号'
const UNIT = '两江新区科技主管部门'

const DEMAND = '高导热低膨胀芯片封装基板材料研发'
const OPINION = '该需求属先进电子材料关键环节，企业出资承诺明确，技术指标具体，同意推荐。'
const STAMPED = '盖章推荐表.pdf'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/** What the bureau adds in the JSON view: the columns of the summary sheet, in order. */
const COLUMNS: SummaryColumn[] = [
  { header: '序号', source: 'rank' },
  { header: '需求名称', source: 'field:demandName' },
  { header: '材料类别', source: 'field:materialCategory' },
  { header: '揭榜奖励金额（万元）', source: 'field:bounty' },
  { header: '需求单位', source: 'profile:enterpriseName' },
  { header: '统一社会信用代码', source: 'profile:creditCode' },
  { header: '联系人', source: 'profile:contactName' },
  { header: '手机', source: 'profile:mobile' },
  { header: '推荐单位', source: 'unit' },
  { header: '推荐意见', source: 'recommender:opinion' },
  { header: '盖章推荐表', source: 'recommender:stampedForm' }
]

const e2e = productAndBrowser()

/** The input (or textarea) of a studio control, by its label, within `scope`. */
const box = (scope: Page | Locator, label: string) => scope.locator(`[aria-label="${label}"] >> visible=true`).locator('input, textarea')

/**
 * Chooses an option of a studio select by its text: the platform's picker on H5 slides up, the
 * option is tapped where it shows (through the picker's mask, as a finger does), then 确定.
 */
async function pick(page: Page, select: Locator, option: string) {
  await select.click()
  const confirm = shown(page, '.weui-picker__action').filter({ hasText: '确定' })
  await confirm.click({ trial: true }) // the sheet has finished sliding up
  // A tap brings the tapped option to the wheel's middle, as a finger's does; the picker works out
  // which from where the tap lands, and can miss by a row. So, as a person would: look where the
  // wheel came to rest (under the indicator), and tap the option again where it is now.
  const item = shown(page, '.weui-picker__item').filter({ hasText: option })
  const middle = (await shown(page, '.weui-picker__indicator').boundingBox())!
  for (let taps = 0; ; taps++) {
    const at = await restingBox(page, item)
    if (Math.abs(at.y + at.height / 2 - (middle.y + middle.height / 2)) < at.height / 2) break
    if (taps === 3) throw new Error(`the picker did not come to “${option}” in 3 taps`)
    await page.touchscreen.tap(at.x + at.width / 2, at.y + at.height / 2)
  }
  await confirm.click()
  await shown(page, '.weui-picker').waitFor({ state: 'hidden' })
  expect(await textOf(select)).toContain(option)
}

/** Where `item` is once the wheel holding it has stopped gliding. */
async function restingBox(page: Page, item: Locator) {
  let at = (await item.boundingBox())!
  for (let before: typeof at | null = null; before?.y !== at.y; ) {
    before = at
    await page.waitForTimeout(100)
    at = (await item.boundingBox())!
  }
  return at
}

/** Scrolls the editor back to its top (the state, the problems, the tabs). */
const editorTop = (page: Page) => shown(page, '.st-head').scrollIntoViewIfNeeded()

/**
 * Waits for the platform's toast (Taro.showToast on H5) saying `text` to come and go (about 2 s),
 * so that it hides nothing in a screenshot. Called right after the action that shows it.
 */
async function toastCameAndWent(page: Page, text: string) {
  const toast = page.locator('.taro__toast p', { hasText: text })
  await toast.waitFor()
  await toast.waitFor({ state: 'hidden' })
}

test('a bureau writes, previews and publishes a new campaign in the studio; an enterprise files it, the unit recommends it with its opinion and stamped form, and exports it', async () => {
  const { product, browser } = e2e
  const errors: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(e.message))
    return page
  }
  // The product runs on the real clock: the dates are from today in Beijing.
  const today = dayOf(Date.now(), 'Asia/Shanghai')
  const [enterpriseDeadline, recommenderDeadline] = [addDays(today, 21), addDays(today, 28)]

  // ════ The bureau: 我的 → 活动工作室 → 空白活动 ════
  const bureauPhone = await phoneContext(browser)
  const studio = watch(await bureauPhone.newPage())
  await signInFromProfile(studio, product.url, /重庆市科学技术局/)
  await shown(studio, '[data-testid="open-studio"]').click()
  await shown(studio, '[data-testid="create-blank"]').waitFor()
  await lookAt(studio, 'studio-e2e-01-list')
  await shown(studio, '[data-testid="create-blank"]').click()
  const editor = shown(studio, '[data-testid="studio-editor"]')
  await editor.waitFor()
  const CAMPAIGN = (await editor.getAttribute('data-campaign-id'))!
  expect(CAMPAIGN).toMatch(/^c-\d{8}-[0-9a-f]{6}$/)
  await shown(studio, '[data-testid="tab-basic"]').waitFor()
  expect(await textOf(shown(studio, '[data-testid="problem-summary"]'))).toMatch(/还有 \d+ 处问题，不能发布/)

  // ── 基本信息: the notice's texts, the dates, who may file, whom to ask ──
  const basic = shown(studio, '[data-testid="tab-basic"]')
  await box(basic, '活动标题').fill(TITLE)
  await box(basic, '一句话简介').fill(TAGLINE)
  await box(basic, '通知摘要').fill(SUMMARY)
  await box(basic, '通知文号或链接').fill(NOTICE)
  expect(await textOf(basic.locator('.st-static').nth(1))).toBe('重庆市科学技术局') // 发布单位, set for the bureau
  await box(basic, '开始填报日期（YYYY-MM-DD）').fill(today)
  await box(basic, '企业填报截止日期（YYYY-MM-DD）').fill(enterpriseDeadline)
  await box(basic, '推荐截止日期（YYYY-MM-DD）').fill(recommenderDeadline)
  await basic.locator('[data-testid="unit-type-large_enterprise"]').click()
  await basic.locator('[data-testid="unit-type-new_rd_institution"]').click()
  expect(await basic.locator('[data-testid="unit-type-enterprise"]').getAttribute('aria-checked')).toBe('true')
  await basic.locator('[data-testid="add-contact"]').click()
  const contact = basic.locator('#st-contact-0')
  await box(contact, '类别').fill('揭榜挂帅')
  await box(contact, '负责事项').fill('先进材料产业技术需求')
  await box(contact, '联系人').fill('孙伟')
  await box(contact, '电话').fill('023-63862213')
  await shown(studio, '.st-head__title').filter({ hasText: TITLE }).waitFor()
  expect(await basic.locator('[data-testid="problem"]').count()).toBe(0)
  await editorTop(studio)
  await lookAt(studio, 'studio-e2e-02-basic')

  // ── 推荐单位: the district kind with its quota, and 两江新区 ──
  await shown(studio, '[data-testid="tab-recommenders-button"]').click()
  const recommenders = shown(studio, '[data-testid="tab-recommenders"]')
  await recommenders.locator('[data-testid="add-unit-type"]').click()
  const kind = recommenders.locator('#st-unit-type-0')
  await box(kind, '类型标识').fill('district')
  await box(kind, '类型名称').fill('区县科技主管部门')
  await kind.getByRole('checkbox', { name: '名额不限' }).click()
  await box(kind, '名额').fill('5')
  await recommenders.locator('[data-testid="add-unit"]').click()
  const unit = recommenders.locator('#st-unit-0')
  await box(unit, '单位标识').fill('liangjiang')
  await box(unit, '单位名称').fill(UNIT)
  expect(await textOf(unit.locator('.st-select__text'))).toBe('区县科技主管部门（district）') // the only kind, chosen already
  expect(await recommenders.locator('[data-testid="problem"]').count()).toBe(0)
  await editorTop(studio)
  await lookAt(studio, 'studio-e2e-03-recommenders')

  // ── 步骤与字段: a long-text field in the first step, a second step with its first field ──
  await shown(studio, '[data-testid="tab-steps-button"]').click()
  const steps = shown(studio, '[data-testid="tab-steps"]')
  const first = steps.locator('[data-testid="studio-step"]').nth(0)
  await first.locator('[data-testid="add-field"]').click()
  const challenge = first.locator('[data-testid="studio-field"][data-path="steps[0].fields[1]"]')
  await box(challenge, '字段标识').fill('challenge')
  await box(challenge, '字段标题').fill('需解决的关键技术难题')
  await pick(studio, challenge.locator('[data-testid="field-kind"]'), '多行文本（textarea）')
  await challenge.getByRole('checkbox', { name: '必填' }).click()
  await box(challenge, '最多字数').fill('800')
  await steps.locator('[data-testid="add-step"]').click()
  const second = steps.locator('[data-testid="studio-step"]').nth(1)
  await box(second, '步骤标识').fill('offer')
  await box(second, '步骤标题').fill('揭榜条件')
  const requirements = second.locator('[data-testid="studio-field"][data-path="steps[1].fields[0]"]')
  await requirements.locator('.st-field__summary').click()
  await box(requirements, '字段标识').fill('solverRequirements')
  await box(requirements, '字段标题').fill('揭榜方应具备的条件')
  await box(requirements, '最多字数').fill('100')
  expect(await textOf(challenge.locator('.st-field__meta'))).toBe('多行文本 · challenge')
  expect(await steps.locator('[data-testid="problem"]').count()).toBe(0)
  await editorTop(studio)
  await lookAt(studio, 'studio-e2e-04-steps')
  // A draft is kept on the server before the JSON work.
  await shown(studio, '[data-testid="save-draft"]').click()
  await toastCameAndWent(studio, '草稿已保存')
  await shown(studio, '[data-testid="save-state"]').filter({ hasText: '草稿已保存，尚未发布' }).waitFor()

  // ── JSON: the rest typed in; a wrong date is named by its path, then put right ──
  await shown(studio, '[data-testid="tab-json-button"]').click()
  const json = shown(studio, '[data-testid="json-input"]').locator('textarea')
  const problems = shown(studio, '[data-testid="json-problems"]')
  const def = JSON.parse(await json.inputValue()) as CampaignDefinition
  expect(def).toMatchObject({ title: TITLE, issuer: '重庆市科学技术局', deadlines: { enterprise: enterpriseDeadline } })
  def.deadlines.enterprise = '2027年1月15日'
  await json.fill(JSON.stringify(def, null, 2))
  const wrongDate = problems.locator('.st-problem-list__item').filter({ hasText: 'deadlines.enterprise' })
  await wrongDate.waitFor()
  expect(await textOf(wrongDate)).toBe('deadlines.enterprise：应为日期 YYYY-MM-DD')
  await shown(studio, '[data-testid="publish"][aria-disabled="true"]').waitFor()
  await wrongDate.scrollIntoViewIfNeeded()
  await lookAt(studio, 'studio-e2e-05-json-problem')

  def.deadlines.enterprise = enterpriseDeadline
  def.contacts.push({ group: '系统技术咨询', topic: '填报系统使用', person: '何静', phone: '023-67153201' })
  def.recommenders.unitTypes.push({ id: 'city-department', label: '市级行业主管部门', quota: 3 })
  def.recommenders.units.push({ id: 'city-jxw', name: '市经济信息委', type: 'city-department' })
  def.steps[0].fields.push({
    id: 'materialCategory',
    kind: 'single',
    label: '材料类别',
    required: true,
    options: [
      { value: 'metal', label: '先进金属材料' },
      { value: 'polymer', label: '先进高分子材料' },
      { value: 'ceramic', label: '先进陶瓷与无机非金属材料' },
      { value: 'electronic', label: '电子信息材料' },
      { value: 'other', label: '其他', other: true }
    ]
  })
  def.steps[1].fields.push(
    { id: 'bounty', kind: 'amount', label: '揭榜奖励金额', help: '企业承诺支付给揭榜方的研发经费', required: true, unit: '万元', min: 0, precision: 2 },
    { id: 'recommender', kind: 'recommender', label: '推荐单位', required: true }
  )
  def.recommenders.fields = [
    { id: 'opinion', kind: 'textarea', label: '推荐意见', required: true, maxLength: 500 },
    { id: 'stampedForm', kind: 'attachments', label: '盖章推荐表', help: '推荐表盖章后扫描上传', required: true, maxFiles: 1, maxSizeMB: 10, accept: ['pdf', 'jpg', 'png'] }
  ]
  def.summaryColumns = COLUMNS
  await json.fill(JSON.stringify(def, null, 2))
  await problems.getByText('检查结果：没有问题').waitFor()
  await shown(studio, '[data-testid="problem-summary"]').filter({ hasText: '检查通过，可以发布' }).waitFor()
  await editorTop(studio)
  await lookAt(studio, 'studio-e2e-06-json')
  // The forms follow the JSON: the second unit, and the unit's own fields named as edited there.
  await shown(studio, '[data-testid="tab-recommenders-button"]').click()
  await recommenders.locator('#st-unit-1 .st-item__title', { hasText: '市经济信息委' }).waitFor()
  await recommenders.getByText('本活动另设有推荐时填写的字段 2 个，请在 JSON 页中修改。').waitFor()

  // ── 预览: the enterprise's wizard ──
  await shown(studio, '[data-testid="tab-preview-button"]').click()
  const preview = shown(studio, '[data-testid="studio-preview"]')
  await preview.locator('[data-field="demandName"]').waitFor()
  await preview.locator('[data-field="materialCategory"] [data-value="electronic"]').waitFor()
  expect(await preview.locator('[data-field="challenge"] textarea').count()).toBe(1)
  await editorTop(studio)
  await lookAt(studio, 'studio-e2e-07-preview')

  // ── 发布: confirmed; 第 1 版 in the history ──
  await shown(studio, '[data-testid="publish"]').click()
  await confirmDialog(studio, '发布')
  await toastCameAndWent(studio, '已发布第 1 版')
  await shown(studio, '[data-testid="studio-state"]').filter({ hasText: '已发布' }).waitFor()
  await shown(studio, '[data-testid="save-state"]').filter({ hasText: '已保存，与发布版本一致' }).waitFor()
  const history = shown(studio, '[data-testid="studio-history"]')
  await history.getByRole('button', { name: /版本记录/ }).click()
  await history.getByRole('button', { name: /操作日志/ }).click()
  expect(await textOf(history.locator('.st-log__title').first())).toBe('第 1 版 · 活动工作室发布')
  await history.locator('.st-log__title', { hasText: '发布 · 第 1 版' }).waitFor()
  await history.scrollIntoViewIfNeeded()
  await lookAt(studio, 'studio-e2e-08-published-history')

  // ════ The enterprise: the campaign among the others, signed out ════
  const phone = await phoneContext(browser)
  const page = watch(await phone.newPage())
  await page.goto(product.url + '/')
  const item = shown(page, `.campaign-item[data-campaign-id="${CAMPAIGN}"]`)
  await item.waitFor()
  expect(await textOf(item.locator('.campaign-item__title'))).toBe(TITLE)
  await item.scrollIntoViewIfNeeded()
  await lookAt(page, 'studio-e2e-09-campaigns')
  await item.click()
  await shown(page, '.start-demand__button').filter({ hasText: '登录后发起需求' }).waitFor()
  for (const words of [TAGLINE, '孙伟']) await shown(page, `text=${words}`).first().waitFor()

  // ── Sign in; the profile lacks a mobile number (the identity fields come from the provider) ──
  await shown(page, '.start-demand__button').filter({ hasText: '登录后发起需求' }).click()
  await page.waitForURL(/pages\/login/)
  await signInFromProfile(page, product.url, /重庆智芯微电子/, { back: /campaign/ })
  await (await startButton(page)).click()
  const problem = shown(page, '[data-testid="start-demand-problem"]')
  await problem.waitFor()
  await problem.getByText('去完善单位信息').click()
  await shown(page, '[aria-label="手机号"] input').waitFor()
  expect(await textOf(shown(page, '.profile-identity [data-field="creditCode"]'))).toContain('91500108576231840F')
  await shown(page, '[aria-label="手机号"] input').fill('13800138000')
  await shown(page, '.profile-form__save').click()
  await page.getByText('已保存').first().waitFor()
  // the saved details lead back to the campaign
  const back = shown(page, '[data-testid="profile-back"]')
  expect(await textOf(back)).toBe(`单位信息已保存，可以继续发起需求返回征集：${TITLE} ›`)
  await back.scrollIntoViewIfNeeded()
  await lookAt(page, 'studio-e2e-10-profile-saved')
  await back.click()
  await page.waitForURL(/pages\/campaign/)
  await (await startButton(page)).click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)

  // ── The two steps the bureau wrote ──
  await atStep(page, 'basic')
  await field(page, 'demandName').locator('input').fill(DEMAND)
  await field(page, 'challenge').locator('textarea').fill(paragraph('研发热导率不低于200W/(m·K)、热膨胀系数与硅匹配的封装基板材料，解决大功率芯片散热与翘曲问题', 120))
  expect(await textOf(shown(page, '[data-testid="count-challenge"]'))).toMatch(/^\d+\/800$/)
  await savedSoon(page) // the words are on the server before the next tap
  await field(page, 'materialCategory').locator('[data-value="electronic"]').click()
  await field(page, 'materialCategory').locator('[data-value="electronic"][aria-checked="true"]').waitFor()
  await savedSoon(page)
  await lookAt(page, 'studio-e2e-11-wizard-basic')
  await next(page)

  await atStep(page, 'offer')
  await field(page, 'solverRequirements').locator('input').fill('具有电子封装材料中试线，近三年承担过省部级以上材料类项目')
  await field(page, 'bounty').locator('input').fill('1500')
  await chooseRecommender(page, 'recommender', '两江', 'liangjiang')
  await savedSoon(page)
  await lookAt(page, 'studio-e2e-12-wizard-offer')
  await next(page)

  await page.waitForURL(/packages\/demand\/pages\/review/)
  await shown(page, '[data-testid="completeness"]').filter({ hasText: '2 步已全部完成' }).waitFor()
  expect(await textOf(shown(page, '[data-review-field="recommender"]'))).toContain(UNIT)
  await submitFromReview(page)
  expect(await textOf(shown(page, '[data-testid="submitted-version"]'))).toBe('第 1 版')
  await lookAt(page, 'studio-e2e-13-submitted')
  const id = new URL(page.url().replace('#', '')).searchParams.get('id')!
  expect(id).toBeTruthy()

  // ════ 两江新区: the workbench, the demand, 推荐 with the opinion and the stamped form ════
  const unitPhone = await phoneContext(browser)
  const clerk = watch(await unitPhone.newPage())
  await signInFromProfile(clerk, product.url, /两江新区科技主管部门/)
  await clerk.locator('[data-testid="open-workbench"]').click()
  const card = clerk.locator(`[data-testid="review-campaign"][data-campaign-id="${CAMPAIGN}"]`)
  await card.waitFor()
  expect(await textOf(card.locator('[data-testid="count-received"] .rc-count__value'))).toBe('1')
  await card.locator('[data-testid="open-inbox"]').click()
  await inboxRow(clerk, id).click()
  await clerk.waitForURL(/packages\/recommend\/pages\/demand/)
  const review = shown(clerk, `[data-testid="demand-review"][data-demand-id="${id}"]`)
  await review.locator('[data-action="recommend"]').click()
  const form = review.locator('[data-testid="form-recommend"]')
  // Nothing given yet: both of the unit's fields are asked for.
  await form.locator('[data-testid="form-submit"]').click()
  await form.locator('[data-testid="form-errors"]').waitFor()
  expect(await form.locator('[data-testid="field-error"]').count()).toBe(2)
  await form.locator('[data-field="opinion"] textarea').fill(OPINION)
  const chooser = clerk.waitForEvent('filechooser')
  await form.locator('[data-field="stampedForm"] [data-testid="recommender-upload"]').click()
  await (await chooser).setFiles({ name: STAMPED, mimeType: 'application/pdf', buffer: PDF })
  await form.locator('[data-field="stampedForm"] [data-attachment]', { hasText: STAMPED }).waitFor()
  await lookAt(clerk, 'studio-e2e-14-unit-recommend-form')
  await form.locator('[data-testid="form-submit"]').click()
  await confirmDialog(clerk, '推荐')
  await toastCameAndWent(clerk, '已推荐')
  await review.locator('[data-testid="status"]', { hasText: '已推荐 · 第1位' }).waitFor()
  await review.locator('[data-testid="quota-text"]', { hasText: '已推荐 1 / 名额 5' }).waitFor()
  const record = review.locator('[data-testid="recommender-record"]')
  await record.locator('[data-field="opinion"]', { hasText: OPINION }).waitFor()
  await record.locator('[data-field="stampedForm"] [data-attachment]', { hasText: STAMPED }).waitFor()
  await record.scrollIntoViewIfNeeded()
  await lookAt(clerk, 'studio-e2e-15-unit-recommended')

  // ── The unit's summary sheet: the campaign's columns, the demand, the opinion, the file ──
  await review.getByText('调整推荐排序 ›').click()
  await clerk.waitForURL(/packages\/recommend\/pages\/ranking/)
  await shown(clerk, `[data-testid="ranked-item"][data-demand-id="${id}"]`).waitFor()
  const [download] = await Promise.all([clerk.waitForEvent('download'), shown(clerk, '.rc-ranking-screen [data-testid="export"]').click()])
  expect(download.suggestedFilename()).toBe(`${TITLE}汇总表-${UNIT}.xlsx`)
  const sheet = await openSummarySheet(download, 'studio-e2e-summary.xlsx')
  expect(String(sheet[0][0])).toBe(`${TITLE}汇总表（${UNIT}）`)
  expect(sheet[1]).toEqual(COLUMNS.map((c) => c.header))
  expect(sheet).toHaveLength(3) // title, header, the demand
  const row = Object.fromEntries(COLUMNS.map((c, i) => [c.header, sheet[2][i]]))
  expect(row).toEqual({
    序号: 1,
    需求名称: DEMAND,
    材料类别: '电子信息材料',
    '揭榜奖励金额（万元）': 1500,
    需求单位: '重庆智芯微电子有限公司',
    统一社会信用代码: '91500108576231840F',
    联系人: '张明',
    手机: '13800138000',
    推荐单位: UNIT,
    推荐意见: OPINION,
    盖章推荐表: STAMPED
  })

  expect(errors).toEqual([])
  await Promise.all([bureauPhone.close(), phone.close(), unitPhone.close()])
}, 600_000)
