/**
 * The same journey for the other two notices, whose campaigns are only data: the Xinjiang 2023
 * major demands (单位资格 gate, 产业领域 by 重点方向, investment amounts, 推荐单位 with its contact,
 * 承担单位) and the Hangzhou 2021 major research (涉密 and 研发机构 gates, R&D figures checked against
 * the eligibility rules, category, organisation modes, indicator table). Each enterprise signs in
 * through the local provider, completes its profile, starts the demand from the 【演示】 campaign,
 * fills every required field step by step, reviews and submits, and finds it submitted.
 * In Hangzhou the enterprise first gives R&D figures below the notice's thresholds: the wizard names
 * each failing rule and neither it nor the review page lets the demand through.
 * Screenshots at 375×812 go to test/e2e/artifacts/xj-*.png and hz-*.png.
 */
import type { Page } from 'playwright-core'
import { lookAt } from '../support/a11y'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import {
  atStep,
  chooseRecommender,
  field,
  fillIndicators,
  next,
  paragraph,
  savedSoon,
  shown,
  submitFromReview,
  textOf
} from '../support/wizard-page'

const e2e = productAndBrowser()

/** A new contact of the account's enterprise, signed in with the mobile number added, on the campaign's wizard. */
async function startDemand(account: RegExp, campaign: string, prefix: string): Promise<{ page: Page; errors: string[] }> {
  const { product, browser } = e2e
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await signInFromProfile(page, product.url, account)
  await page.locator('[aria-label="手机号"] input').fill('13900139000')
  await page.locator('.profile-form__save').click()
  await page.getByText('已保存').first().waitFor()

  await page.goto(`${product.url}/#/pages/campaign/index?id=${campaign}`)
  await page.locator('.start-demand__button', { hasText: '发起需求' }).waitFor()
  await lookAt(page, `${prefix}-01-campaign`)
  await page.locator('.start-demand__button', { hasText: '发起需求' }).click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  return { page, errors }
}

const fill = (page: Page, id: string, text: string) => field(page, id).locator('input, textarea').fill(text)

const shotName = (prefix: string, n: number, what: string) => `${prefix}-${String(n).padStart(2, '0')}-${what}`

/**
 * From the last step's 下一步: the review says every step is complete and shows these answers and
 * the recommending unit; submitted with confirmation as 第 1 版 for that unit; then 我的需求 lists it as 已提交 and its
 * status page says so. Screenshots numbered from `n`; no page error on the way.
 */
async function reviewSubmitAndFind(
  page: Page,
  errors: string[],
  o: { steps: number; shows: Record<string, string>; unit: string; title: string; prefix: string; n: number }
) {
  await page.waitForURL(/packages\/demand\/pages\/review/)
  await shown(page, '[data-testid="completeness"]').filter({ hasText: `${o.steps} 步已全部完成` }).waitFor()
  expect(await shown(page, '[data-testid="ineligible"]').count()).toBe(0)
  for (const [id, text] of Object.entries({ ...o.shows, recommender: o.unit })) expect(await textOf(shown(page, `[data-review-field="${id}"]`))).toContain(text)
  await lookAt(page, shotName(o.prefix, o.n, 'review'))
  await submitFromReview(page)
  expect(await textOf(shown(page, '[data-testid="submitted-version"]'))).toBe('第 1 版')
  expect(await textOf(shown(page, '[data-testid="submitted"]'))).toContain(o.unit)
  await lookAt(page, shotName(o.prefix, o.n + 1, 'submitted'))

  await shown(page, '.wz-done__button').filter({ hasText: '返回我的需求' }).click()
  const item = shown(page, '.demand-item').filter({ hasText: o.title })
  expect(await textOf(item.locator('.demand-item__status'))).toBe('已提交')
  await lookAt(page, shotName(o.prefix, o.n + 2, 'my-demands'))
  await item.click()
  await page.waitForURL(/packages\/demand\/pages\/status/)
  expect(await textOf(shown(page, '[data-testid="status-label"]'))).toBe('已提交')
  await lookAt(page, shotName(o.prefix, o.n + 3, 'status'))
  expect(errors).toEqual([])
  await page.context().close()
}

test('Xinjiang: a Xinjiang enterprise fills the major demand (qualification, field, investment, recommender, undertaker) and submits', async () => {
  const { page, errors } = await startDemand(/重庆山城生物医药/, 'xj-2023-major-demands-demo', 'xj')

  // ── 单位资格: “否” stops with the notice's words and says which answer continues ──
  await atStep(page, 'qualification')
  await field(page, 'legalEntityInXinjiang').locator('[role="radio"][data-value="false"]').click()
  const stop = shown(page, '[data-testid="gate-stop"]')
  await stop.waitFor()
  expect(await textOf(stop)).toContain('需求单位应为自治区境内具有独立法人资格')
  expect(await textOf(stop)).toContain('请改选“是”后继续')
  await lookAt(page, 'xj-02-qualification-stop')
  await field(page, 'legalEntityInXinjiang').locator('[role="radio"][data-value="true"]').click()
  await next(page)

  // ── 项目信息: 重点方向 → 领域, name, overview ──
  await atStep(page, 'project')
  await field(page, 'industryField').locator('[data-value="key-fields"]').click()
  await field(page, 'industryField').locator('[data-value="水资源高效利用"]').click()
  const name = '南疆灌区高效节水与盐碱地协同治理关键技术'
  await fill(page, 'projectName', name)
  await fill(page, 'overview', paragraph('围绕南疆灌区水资源短缺与土壤次生盐渍化问题，研发滴灌水盐调控与智能配水技术，节水20%以上', 120))
  await fillIndicators(page, 'indicators', [
    ['灌溉水利用系数', '0.55', '0.65', '无量纲'],
    ['节水率', '', '20', '%']
  ])
  await savedSoon(page)
  await lookAt(page, 'xj-03-project')
  await next(page)

  // ── 项目实施投入计划: two amounts in 万元 ──
  await atStep(page, 'investment')
  await fill(page, 'totalInvestment', '3200')
  await fill(page, 'fiscalSupport', '1000.5')
  await savedSoon(page)
  await lookAt(page, 'xj-04-investment')
  await next(page)

  // ── 报送渠道: the direct track (附件2) has the service centre chosen for it; this one goes through a 厅局
  // (附件3; the unit's contact for the project is the unit's to give when it recommends) ──
  await atStep(page, 'recommend')
  await field(page, 'track').locator('[data-value="direct"]').click()
  await field(page, 'recommender').locator('.wz-unit-name').filter({ hasText: '新疆科技项目服务中心' }).waitFor()
  await field(page, 'track').locator('[data-value="linked"]').click()
  await chooseRecommender(page, 'recommender', '水利', 'xj-slt')
  await savedSoon(page)
  await lookAt(page, 'xj-05-recommend')
  await next(page)

  // ── 建议项目承担单位 ──
  await atStep(page, 'undertaker')
  await fill(page, 'undertakingUnit', '新疆农业科学院土壤肥料与农业节水研究所')
  await fill(page, 'leadPerson', '马晓东')
  await fill(page, 'leadTitle', '研究员')
  await fill(page, 'leadPhone', '13899800000')
  await lookAt(page, 'xj-06-undertaker')
  await next(page)

  // ── 提交单位联系人及优先序 (附件1): 职称/职务, an office phone checked as one, the unit's own priority ──
  await atStep(page, 'submitter')
  await fill(page, 'submitterContactTitle', '科研处处长')
  await fill(page, 'officePhone', '3836638')
  await next(page)
  expect(await textOf(shown(page, '[data-testid="error-officePhone"]'))).toContain('应为有效的电话号码')
  await fill(page, 'officePhone', '0991-3836638')
  await fill(page, 'priority', '1')
  await savedSoon(page)
  await next(page)

  // ── 附件 are optional: straight on to the review ──
  await atStep(page, 'files')
  await next(page)
  await reviewSubmitAndFind(page, errors, {
    steps: 7,
    shows: { industryField: '水资源高效利用', fiscalSupport: '1000.5' },
    unit: '自治区水利厅',
    title: name,
    prefix: 'xj',
    n: 7
  })
}, 120_000)

test('Hangzhou: R&D figures below the thresholds are refused rule by rule; corrected, the demand is filled and submitted', async () => {
  const { page, errors } = await startDemand(/重庆智芯微电子/, 'hz-2021-major-research-demo', 'hz')
  const demandId = new URL(page.url().replace('#/', '')).searchParams.get('id')

  // ── 优势单位条件: both gates, the R&D platform, then figures below every threshold ──
  await atStep(page, 'qualification')
  const eligibility = shown(page, '[data-testid="eligibility"]')
  expect(await eligibility.locator('.wz-rule--todo').count()).toBe(3)
  await field(page, 'sensitive').locator('[role="radio"][data-value="false"]').click()
  await field(page, 'hasRdPlatform').locator('[role="radio"][data-value="true"]').click()
  await fill(page, 'rdPlatformName', '浙江省智芯微电子企业研究院（省级）')
  await fill(page, 'rdRatio', '2.5')
  await fill(page, 'rdTotal', '800')
  await fill(page, 'projectRdInvestment', '1200')
  await eligibility.filter({ hasText: '不符合申报条件' }).waitFor()
  const failed = (rule: string) => eligibility.locator(`[data-rule="${rule}"].wz-rule--fail`)
  expect(await textOf(failed('rd-ratio'))).toContain('研究开发费占主营业务收入比重应在3.0%以上，当前填写2.5%。')
  expect(await textOf(failed('rd-total'))).toContain('研发投入总额应在1000万元以上，当前填写800万元。')
  expect(await textOf(failed('project-rd'))).toContain('预计研发投入应在1500万元以上')
  await next(page)
  expect(await textOf(shown(page, '[data-testid="next-error"]'))).toBe('不符合申报条件（3 项），不能继续填报，已在对应位置标出')
  await atStep(page, 'qualification')
  // Scrolled to the first failing figure (in view above the action bar), which says the same at the field.
  const [ratio, bar] = await Promise.all([field(page, 'rdRatio').locator('input').elementHandle(), shown(page, '.wz-actionbar').elementHandle()])
  await page.waitForFunction(([i, b]) => i!.getBoundingClientRect().top >= 0 && i!.getBoundingClientRect().bottom <= b!.getBoundingClientRect().top, [ratio, bar])
  expect(await textOf(field(page, 'rdRatio').locator('[data-testid="error-rdRatio"]'))).toContain('当前填写2.5%')
  await savedSoon(page)
  await lookAt(page, 'hz-02-ineligible')

  // The review page (reachable from 我的需求) names the same rules and keeps 提交需求 disabled.
  await page.goto(`${e2e.product.url}/#/packages/demand/pages/review/index?id=${demandId}`)
  const refusal = shown(page, '[data-testid="ineligible"]')
  await refusal.waitFor()
  expect(await refusal.locator('[data-rule]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['rd-ratio', 'rd-total', 'project-rd'])
  expect(await textOf(refusal)).toContain('上年度研发投入总额应在1000万元以上，当前填写800万元。')
  expect(await textOf(shown(page, '.wz-actionbar__status'))).toBe('不符合申报条件，不能提交')
  const submit = shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' })
  expect(await submit.getAttribute('class')).toContain('nut-button-disabled')
  await submit.click({ force: true }) // a tap on it asks nothing
  await lookAt(page, 'hz-03-review-refused')
  expect(await shown(page, '.nut-dialog').count()).toBe(0)

  // ── Corrected figures: every rule 符合 ──
  await shown(page, '.wz-actionbar__back').click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await atStep(page, 'qualification')
  await fill(page, 'rdRatio', '3.6')
  await fill(page, 'rdTotal', '1280')
  await fill(page, 'projectRdInvestment', '1850')
  await eligibility.filter({ hasText: '申报条件' }).locator('.wz-rule--ok').nth(2).waitFor()
  expect(await eligibility.locator('.wz-rule--fail').count()).toBe(0)
  await savedSoon(page)
  await lookAt(page, 'hz-04-eligible')
  await next(page)

  // ── 需求概况: name, field (no directions in this batch), category, organisation modes, partners ──
  await atStep(page, 'overview')
  const name = '高导热氮化铝陶瓷基板国产化制备技术'
  await fill(page, 'demandName', name)
  await field(page, 'domain').locator('[data-value="new-materials"]').click()
  // This batch has no directions: said once, nothing to tap.
  expect(await textOf(field(page, 'domain').locator('[data-testid="direction-domain"]'))).toBe('“新材料”不细分方向，选择领域即可')
  expect(await field(page, 'domain').locator('[role="radiogroup"]').count()).toBe(1)
  await field(page, 'category').locator('[data-value="enterprise"]').click()
  await field(page, 'domain').scrollIntoViewIfNeeded()
  await lookAt(page, 'hz-05-overview-domain')
  await field(page, 'organizationModes').locator('[data-value="innovation_consortium"]').click()
  await field(page, 'organizationModes').locator('[data-value="industry_chain"]').click()
  await fill(page, 'partners', '浙江大学材料科学与工程学院（粉体制备）；杭州某封装企业（应用验证）。')
  await savedSoon(page)
  await lookAt(page, 'hz-06-overview-modes')
  await next(page)

  // ── 需求内容: four texts and at least three indicators ──
  await atStep(page, 'content')
  await fill(page, 'problem', '大功率芯片封装用高导热氮化铝基板长期依赖进口，供货周期长，制约功率半导体产业链安全。')
  await fill(page, 'researchContent', '高纯氮化铝粉体合成、流延成型与低温烧结、金属化工艺及可靠性评价的全链条攻关。')
  await fill(page, 'objectives', '形成热导率不低于200 W/(m·K)的氮化铝基板量产能力，实现进口替代。')
  await fillIndicators(page, 'indicators', [
    ['热导率', '170', '200', 'W/(m·K)'],
    ['抗弯强度', '350', '450', 'MPa'],
    ['基板良率', '', '95', '%']
  ])
  await fill(page, 'industrialization', '建成年产50万片基板示范线，服务长三角功率器件封装企业。')
  await savedSoon(page)
  await lookAt(page, 'hz-07-content')
  await next(page)

  // ── 推荐单位 ──
  await atStep(page, 'recommend')
  await chooseRecommender(page, 'recommender', '滨江', 'binjiang')
  await savedSoon(page)
  await lookAt(page, 'hz-08-recommend')
  await next(page)

  await reviewSubmitAndFind(page, errors, {
    steps: 4,
    shows: { rdRatio: '3.6', organizationModes: '创新联合体领办' },
    unit: '杭州高新区（滨江）科技局',
    title: name,
    prefix: 'hz',
    n: 9
  })
}, 120_000)
