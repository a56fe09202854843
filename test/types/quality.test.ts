/**
 * The demand quality assistant (types/quality.ts): each rule finds what it says on a copy of a
 * shipped campaign's complete answers, and says nothing of a good demand (the journey's 车规级
 * MCU demand, after its revision, scores high with no hint). The labelled set holds both
 * measured rules at precision and recall ≥ 0.9 (`npm run bench:quality` prints them).
 */
import cqJson from '../../campaigns/cq-2026-key-areas.json'
import xjJson from '../../campaigns/xj-2023-major-demands.json'
import type { CampaignDefinition } from '../../types/campaign'
import { qualityReport, vagueClaims } from '../../types/quality'
import { validateDefinition } from '../../types/validate-definition'
import { measureQualitySet } from '../support/quality-set'
import { completeAnswers } from './fixtures'

const definition = (json: unknown): CampaignDefinition => {
  const r = validateDefinition(JSON.parse(JSON.stringify(json)))
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.definition
}
const CQ = definition(cqJson)
const XJ = definition(xjJson)
const rulesOf = (def: CampaignDefinition, answers: Record<string, unknown>) => qualityReport(def, answers, 'enterprise').hints.map((h) => `${h.rule}@${h.field}`)

describe('a good demand', () => {
  it('gets no hint and scores high (the journey’s MCU demand after revision)', () => {
    const report = qualityReport(CQ, { ...completeAnswers('cq-2026-key-areas'), demandName: '车规级ASIL-D功能安全MCU芯片攻关及产业化' }, 'enterprise')
    expect(report.hints).toEqual([])
    expect(report.score).toBeGreaterThanOrEqual(90)
    expect(report.specificity).toBe(100)
  })
})

describe('each rule', () => {
  const cq = () => completeAnswers('cq-2026-key-areas') as Record<string, unknown>

  it('vague-claim: a claim without a figure, at its field, quoting the sentence, with an example', () => {
    const answers = { ...cq(), expectedOutcome: '形成ASIL-D级芯片1款。整体性能达到国际先进水平，填补国内空白。' }
    const report = qualityReport(CQ, answers, 'enterprise')
    expect(report.hints).toEqual([
      {
        rule: 'vague-claim',
        field: 'expectedOutcome',
        message: '“整体性能达到国际先进水平，填补国内空白”只有结论没有数字：写明指标、现状值和对标对象',
        example: expect.stringContaining('定位精度')
      }
    ])
    expect(report.specificity).toBeLessThan(100)
  })

  it('indicator-incomplete and indicator-no-gain, by row, lower being better where the name says so', () => {
    const answers = {
      ...cq(),
      indicators: [
        { name: 'CPU主频', current: '', target: '300', unit: 'MHz' },
        { name: '最高工作结温', current: '150', target: '125', unit: '℃' },
        { name: '待机功耗', current: '50', target: '80', unit: 'mW' },
        { name: '待机电流', current: '50', target: '20', unit: 'μA' }
      ]
    }
    expect(qualityReport(CQ, answers, 'enterprise').hints.map((h) => h.message)).toEqual([
      '第1行“CPU主频”缺少现状值',
      '第2行“最高工作结温”的目标值没有优于现状值',
      '第3行“待机功耗”的目标值没有优于现状值'
    ])
  })

  it('maturity-no-gain: the expected level not above the current one', () => {
    expect(rulesOf(CQ, { ...cq(), currentMaturity: 6, expectedMaturity: 6 })).toEqual(['maturity-no-gain@expectedMaturity'])
  })

  it('completion-window: before the deadline, or more than three years after it', () => {
    expect(rulesOf(CQ, { ...cq(), expectedCompletion: '2025-01-01' })).toEqual(['completion-window@expectedCompletion'])
    expect(rulesOf(CQ, { ...cq(), expectedCompletion: '2031-06-30' })).toEqual(['completion-window@expectedCompletion'])
    const tuned = { ...CQ, quality: { completionWithinYears: 10 } }
    expect(rulesOf(tuned, { ...cq(), expectedCompletion: '2031-06-30' })).toEqual([])
  })

  it('open-competition-amount: 揭榜挂帅 chosen and no amount', () => {
    const answers = cq()
    delete answers.openCompetitionInvestment
    expect(qualityReport(CQ, answers, 'enterprise').hints.map((h) => h.message)).toEqual(['已选择“揭榜挂帅”，请填写“揭榜挂帅”投入金额'])
    expect(rulesOf(CQ, { ...cq(), openCompetition: 'no', openCompetitionInvestment: undefined })).toEqual([])
  })

  it('copied-text: a long passage of an earlier field repeated in a later one', () => {
    const answers = cq()
    answers.researchContent = `${(answers.background as string).slice(0, 40)}，研究锁步多核架构。`
    expect(rulesOf(CQ, answers)).toEqual(['copied-text@researchContent'])
  })

  it('title-is-area: a name that only repeats the area or the direction', () => {
    expect(rulesOf(CQ, { ...cq(), demandName: '车规级芯片关键技术研究' })).toEqual(['title-is-area@demandName'])
    expect(rulesOf(CQ, { ...cq(), demandName: '高端器件与芯片' })).toEqual(['title-is-area@demandName'])
  })

  it('a campaign tunes the words: its own claim words and examples', () => {
    const tuned = { ...XJ, quality: { claimWords: ['世界级'], examples: { 'vague-claim': '如：清洗后发电效率提升10%。' } } }
    const answers = { ...(completeAnswers('xj-2023-major-demands') as Record<string, unknown>), overview: '打造世界级光伏运维机器人。' }
    expect(qualityReport(tuned, answers, 'enterprise').hints.filter((h) => h.rule === 'vague-claim')).toEqual([
      expect.objectContaining({ field: 'overview', example: '如：清洗后发电效率提升10%。' })
    ])
  })

  it('the score: completeness counts answered visible fields; the top three hints by weight', () => {
    const answers = { ...cq(), background: '', currentStatus: '', expectedOutcome: '性能国际领先。', currentMaturity: 5, expectedMaturity: 4 }
    const report = qualityReport(CQ, answers, 'enterprise')
    expect(report.completeness).toBeLessThan(100)
    expect(report.top.map((h) => h.rule)).toEqual(['vague-claim', 'maturity-no-gain'])
    expect(report.score).toBe(Math.round((report.completeness + report.specificity) / 2))
  })
})

describe('claims in sentences', () => {
  it('years and quoted programme names are not figures; units and Chinese measures are', () => {
    expect(vagueClaims('预计2027年达到国际领先水平。')).toHaveLength(1)
    expect(vagueClaims('支撑“33618”集群，达到行业领先。')).toHaveLength(1)
    expect(vagueClaims('检测灵敏度提高两倍，达到国际先进水平。')).toEqual([])
    expect(vagueClaims('良品率由85%提升至98%，显著提升效益。')).toEqual([])
  })
})

describe('the labelled set', () => {
  it.each(measureQualitySet().map((f) => [f.rule, f] as const))('%s: precision and recall ≥ 0.9', (_rule, f) => {
    expect(f.cases).toBeGreaterThanOrEqual(20)
    expect({ precision: f.precision >= 0.9, recall: f.recall >= 0.9, wrong: f.wrong }).toEqual({ precision: true, recall: true, wrong: expect.any(Array) })
  })

  it('has at least 60 sentences and rows, vague and specific', () => {
    const cases = measureQualitySet().reduce((n, f) => n + f.cases, 0)
    expect(cases).toBeGreaterThanOrEqual(60)
  })
})
