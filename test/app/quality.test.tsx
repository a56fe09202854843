/**
 * The demand quality assistant (issue 16 §1) as people see it, against the real server:
 * - the wizard: a vague claim typed into a field gets a calm hint under it (a live region, not
 *   an error) once typing pauses, with the example; adding a figure makes it go;
 * - the enterprise's review page: the score as 完整度 / 具体度 and the three things to fix
 *   first, each with 去修改 opening its field's step; a good demand gets a positive word, no list;
 * - the recommending unit's inbox: each row's score, and 排序 → 质量分 puts the best first;
 * - returning a demand: 引用 appends a hint, with its field, to the return reason.
 * The enterprise is an account of its own (`ent-quality`, test/support/idp-accounts.json).
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { DemandScreen, InboxScreen } from '../../src/features/recommend'
import { ReviewScreen } from '../../src/features/wizard'
import { WizardPreview } from '../../src/features/wizard/preview'
import { startTokenSession } from '../../src/services/session'
import type { CampaignDefinition } from '../../types/campaign'
import type { CampaignDetail, Profile } from '../../types/domain'
import { qualityReport } from '../../types/quality'
import { completeAnswers } from '../types/fixtures'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { api, CAMPAIGN, RECOMMENDER, tokenFor } from './support/journey'
import { setWidth, typeText } from './support/recommend'
import { serverGet } from './support/server'
import { fieldOf, typeInto } from './support/wizard'

const ENTERPRISE = 'ent-quality'
const ENTERPRISE_NAME = '重庆质量测试智能装备有限公司'
const VAGUE = '整体性能达到国际先进水平，填补国内空白。'

const shipped = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'cq-2026-key-areas')!
/** The demo campaign as the server has it (its deadlines moved into the future). */
let def: CampaignDefinition

/** A demand that passes every check but says little: claims without figures, a row without its current value, a title that is only its direction. */
const poorAnswers = () => ({
  ...completeAnswers(CAMPAIGN),
  recommender: 'liangjiang',
  demandName: '车规级芯片',
  expectedOutcome: VAGUE,
  industrialization: '产品市场前景广阔，将显著提升企业竞争力。',
  indicators: [{ name: 'CPU主频', current: '', target: '300', unit: 'MHz' }]
})
/** One claim without a figure. */
const fairAnswers = () => ({ ...completeAnswers(CAMPAIGN), recommender: 'liangjiang', demandName: '车规级MCU芯片可靠性提升', expectedOutcome: VAGUE })
const goodAnswers = () => ({ ...completeAnswers(CAMPAIGN), recommender: 'liangjiang', demandName: '车规级ASIL-D功能安全MCU芯片攻关及产业化' })

let enterprise: string
let recommender: string
const ids = { poor: '', fair: '', good: '', draft: '' }

async function createAndSave(answers: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const d = await api<{ id: string; version: number; currentStep: string }>(enterprise, 'POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  const saved = await api<{ version: number }>(enterprise, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: 'outcome' })
  return { id: d.id, version: saved.version }
}

async function submit(answers: Record<string, unknown>): Promise<string> {
  const d = await createAndSave(answers)
  await api(enterprise, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: d.version })
  return d.id
}

beforeAll(async () => {
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
  ;[enterprise, recommender] = await Promise.all([tokenFor(ENTERPRISE), tokenFor(RECOMMENDER)])
  def = (await serverGet<CampaignDetail>(`/api/campaigns/${CAMPAIGN}`)).definition
  const profile = await api<Profile>(enterprise, 'GET', '/api/profile')
  await api(enterprise, 'PUT', '/api/profile', { ...profile, contactName: '冯宁', mobile: '13700137000' })
  // Submitted neither in the order of their scores nor against it.
  ids.fair = await submit(fairAnswers())
  ids.good = await submit(goodAnswers())
  ids.poor = await submit(poorAnswers())
  ids.draft = (await createAndSave(poorAnswers())).id
}, 120_000)

afterEach(() => {
  jest.restoreAllMocks()
  setWidth(1024)
})

const hintsUnder = (root: Element, fieldId: string) => [...root.querySelectorAll(`[data-testid="hints-${fieldId}"] .quality-hint`)]
const text = (root: Element | null | undefined, selector: string) => root?.querySelector(selector)?.textContent ?? ''
const qualityCard = (root: Element) =>
  eventually(() => {
    const card = root.querySelector('[data-testid="quality-card"]')
    expect(card).not.toBeNull()
    return card!
  })

describe('in the wizard, as the enterprise types', () => {
  /** The 预期成果 step on its own (the wizard's preview: the same step cards and fields). */
  const outcomeOnly: CampaignDefinition = { ...shipped, steps: shipped.steps.filter((s) => s.id === 'outcome') }

  it('shows a calm hint under the field once typing pauses, and takes it away when a figure is added', async () => {
    const { container } = render(<WizardPreview def={outcomeOnly} unitType='enterprise' />, {})
    const field = await eventually(() => fieldOf(container, 'expectedOutcome'))
    await typeInto(field, VAGUE)
    // Not at once: the hints wait for a pause in the typing.
    expect(hintsUnder(container, 'expectedOutcome')).toHaveLength(0)
    const [hint] = await eventually(() => {
      const hints = hintsUnder(container, 'expectedOutcome')
      expect(hints).toHaveLength(1)
      return hints
    })
    expect(text(hint, '.quality-hint__tag')).toBe('建议')
    expect(text(hint, '.quality-hint__message')).toBe('“整体性能达到国际先进水平，填补国内空白”只有结论没有数字：写明指标、现状值和对标对象')
    expect(text(hint, '.quality-hint__example')).toMatch(/^如：/)
    const region = container.querySelector('[data-testid="hints-expectedOutcome"]')!
    expect(region.getAttribute('role')).toBe('status')
    expect(region.getAttribute('aria-live')).toBe('polite')
    // Advice, not an error: the field is not marked, nothing interrupts.
    expect(field.classList.contains('has-error')).toBe(false)
    expect(field.querySelector('[role="alert"]')).toBeNull()

    await typeInto(field, '定位精度由±0.5 mm提升至±0.05 mm，整体性能达到国际先进水平，填补国内空白。')
    await eventually(() => expect(hintsUnder(container, 'expectedOutcome')).toHaveLength(0))
    expect(region.isConnected).toBe(true) // the live region stays for the next hint
  })
})

describe('the enterprise’s review page', () => {
  it('shows the score as 完整度 and 具体度 and the three things to fix first, each opening its field', async () => {
    startTokenSession(enterprise)
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve({ errMsg: 'navigateTo:ok' })) as never)
    // The platform's page stack (jsdom has no router): the review page opened on its own.
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'packages/demand/pages/review/index', options: { id: ids.draft } }] as never)
    const { container } = render(<ReviewScreen id={ids.draft} />, {})
    const card = await qualityCard(container)
    const report = qualityReport(def, poorAnswers(), 'enterprise')
    expect(report.hints.length).toBeGreaterThan(3)
    expect(text(card, '[data-testid="quality-score"]')).toBe(String(report.score))
    expect(report.score).toBeLessThan(90)
    expect(text(card, '[data-testid="quality-completeness"]')).toBe(`完整度 ${report.completeness}`)
    expect(text(card, '[data-testid="quality-specificity"]')).toBe(`具体度 ${report.specificity}`)
    const listed = [...card.querySelectorAll('.quality-hint')]
    expect(listed.map((h) => h.getAttribute('data-hint-field'))).toEqual(report.top.map((h) => h.field))
    expect(listed).toHaveLength(3)
    // The heaviest first: the indicator row without its current value, named with its field.
    expect(text(listed[0], '.quality-hint__message')).toBe('预期成果核心技术参数指标：第1行“CPU主频”缺少现状值')
    expect(card.querySelector('[data-testid="quality-good"]')).toBeNull()

    const edit = listed[0].querySelector('[data-testid="hint-action"]')!
    expect(edit.textContent).toBe('去修改')
    expect(edit.getAttribute('aria-label')).toBe('去修改预期成果核心技术参数指标')
    tap(edit)
    await eventually(() => expect(navigate).toHaveBeenCalled())
    const url = (navigate.mock.calls[0][0] as { url: string }).url
    expect(url).toContain(`id=${ids.draft}`)
    expect(url).toContain('step=outcome')
    expect(url).toContain('field=indicators')
  })

  it('says a good demand is good, with no list', async () => {
    startTokenSession(enterprise)
    const { container } = render(<ReviewScreen id={ids.good} />, {})
    const card = await qualityCard(container)
    expect(Number(text(card, '[data-testid="quality-score"]'))).toBeGreaterThanOrEqual(90)
    expect(text(card, '[data-testid="quality-good"]')).toBe('内容具体、完整，没有发现需要补充的地方。')
    expect(card.querySelector('.quality-hint')).toBeNull()
  })
})

describe('the recommending unit', () => {
  const rowIds = (root: Element) => [...root.querySelectorAll('[data-testid="inbox-row"]')].map((r) => r.getAttribute('data-demand-id'))
  const chip = (root: Element, label: string) => [...root.querySelectorAll('[data-testid="sort"] [role="radio"]')].find((c) => c.textContent === label)!

  it('sees each row’s score and sorts by 质量分, best first', async () => {
    startTokenSession(recommender)
    const { container } = render(<InboxScreen campaignId={CAMPAIGN} />, {})
    await eventually(() => expect(container.querySelector('.rc-search__input')).not.toBeNull())
    await typeText(container, '.rc-search__input', ENTERPRISE_NAME)
    // Newest first by default: the order they were submitted in, backwards.
    await eventually(() => expect(rowIds(container)).toEqual([ids.poor, ids.good, ids.fair]))
    const scores = {
      poor: qualityReport(def, poorAnswers(), 'enterprise').score,
      fair: qualityReport(def, fairAnswers(), 'enterprise').score,
      good: qualityReport(def, goodAnswers(), 'enterprise').score
    }
    expect(scores.good).toBeGreaterThan(scores.fair)
    expect(scores.fair).toBeGreaterThan(scores.poor)
    for (const key of ['poor', 'fair', 'good'] as const) {
      const row = container.querySelector(`[data-testid="inbox-row"][data-demand-id="${ids[key]}"]`)
      expect(text(row, '[data-testid="quality-badge"]')).toBe(`质量 ${scores[key]}`)
    }

    expect(chip(container, '最新提交').getAttribute('aria-checked')).toBe('true')
    tap(chip(container, '质量分'))
    await eventually(() => expect(rowIds(container)).toEqual([ids.good, ids.fair, ids.poor]))
    expect(chip(container, '质量分').getAttribute('aria-checked')).toBe('true')
  })

  it('quotes a hint, with its field, into the return reason with one tap', async () => {
    startTokenSession(recommender)
    setWidth(375)
    const { container } = render(<DemandScreen id={ids.poor} />, {})
    const card = await qualityCard(container)
    const report = qualityReport(def, poorAnswers(), 'enterprise')
    expect(text(card, '[data-testid="quality-score"]')).toBe(String(report.score))
    expect(card.querySelectorAll('.quality-hint')).toHaveLength(report.hints.length)

    tap(await eventually(() => container.querySelector('[data-action="return"]')!))
    const form = await eventually(() => container.querySelector('[data-testid="form-return"]')!)
    const quotes = await eventually(() => {
      const q = [...form.querySelectorAll('[data-testid="reason-hints"] [data-testid="hint-action"]')]
      expect(q).toHaveLength(report.hints.length)
      return q
    })
    expect(quotes[0].textContent).toBe('引用')
    const box = () => form.querySelector('textarea') as HTMLTextAreaElement
    await typeText(form, '.rc-reason__input', '请补充以下内容：')
    tap(quotes[0])
    const first = `核心技术预期成果：${report.hints[0].message}`
    await eventually(() => expect(box().value).toBe(`请补充以下内容：\n${first}`))
    tap(quotes[0]) // once only
    tap(quotes[2])
    const third = `预期成果核心技术参数指标：${report.hints[2].message}`
    await eventually(() => expect(box().value).toBe(`请补充以下内容：\n${first}\n${third}`))
  })
})
