/**
 * The quality assistant on the demand the end-to-end journey (test/e2e/journey.test.ts) types
 * into the wizard, as it stands after the revision (its new name): what the contact typed,
 * field by field, and the choices made. It reads as a good demand: no hint, a high score.
 *
 * The one thing the journey does not choose is the completion date: it confirms the date
 * picker's default, the day it runs, which is before the enterprise deadline of the 【演示】
 * campaign it fills. That date does get the completion-window hint, and only that one.
 */
import cqJson from '../../campaigns/cq-2026-key-areas.json'
import type { CampaignDefinition } from '../../types/campaign'
import { qualityReport } from '../../types/quality'
import { validateDefinition } from '../../types/validate-definition'
import { paragraph } from '../support/wizard-page'

const definition = (json: unknown): CampaignDefinition => {
  const r = validateDefinition(JSON.parse(JSON.stringify(json)))
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.definition
}
const CQ = definition(cqJson)

/** The journey's answers after its revision (the same words and choices as test/e2e/journey.test.ts). */
const journeyAnswers = (expectedCompletion: string) => ({
  classified: false,
  demandName: '车规级ASIL-D功能安全MCU芯片攻关及产业化',
  domain: { domain: 'chips', direction: '车规级芯片' },
  background: paragraph('重庆是全国重要的汽车产业基地，单车MCU用量已超过100颗'),
  currentStatus: paragraph('国际上车规级MCU市场由少数几家境外厂商占据，国内尚无大批量装车的ASIL-D级产品'),
  researchContent: paragraph('研究面向动力域和底盘域的锁步多核处理器架构，完成ASIL-D产品认证'),
  expectedOutcome: '形成具有自主知识产权的ASIL-D级车规MCU芯片1款及配套软件开发套件。',
  currentMaturity: 4,
  expectedMaturity: 7,
  expectedCompletion,
  indicators: [
    { name: 'CPU主频', current: '160', target: '300', unit: 'MHz' },
    { name: '功能安全等级', current: 'ASIL-B', target: 'ASIL-D', unit: '级' },
    { name: '最高工作结温', current: '125', target: '150', unit: '℃' }
  ],
  industrialization: '国内车规级MCU年需求量超过40亿颗，国产替代空间巨大。',
  applicationEntities: '长安汽车、赛力斯等整车企业，以及一级零部件供应商。',
  applicationScenarios: '新能源汽车动力电池管理系统、电机控制器、线控制动与转向系统。',
  organizationModes: ['cross_region', 'industry_academia'],
  openCompetition: 'yes',
  solverRequirements: '具有车规级芯片设计经验和ISO 26262功能安全流程认证，研发团队不少于30人。',
  openCompetitionInvestment: 1200.5,
  recommender: 'liangjiang'
})

/** A day inside the programme's window: a year after the enterprise deadline. */
const withinWindow = `${Number(CQ.deadlines.enterprise.slice(0, 4)) + 1}${CQ.deadlines.enterprise.slice(4)}`

it('the journey’s demand after revision gets no hint and scores at least 90', () => {
  const report = qualityReport(CQ, journeyAnswers(withinWindow), 'enterprise')
  expect(report.hints).toEqual([])
  expect(report.specificity).toBe(100)
  expect(report.score).toBeGreaterThanOrEqual(90)
})

it('with the picker’s default date, before the enterprise deadline, only the completion date is hinted', () => {
  const dayBefore = `${Number(CQ.deadlines.enterprise.slice(0, 4)) - 1}${CQ.deadlines.enterprise.slice(4)}`
  const report = qualityReport(CQ, journeyAnswers(dayBefore), 'enterprise')
  expect(report.hints.map((h) => `${h.rule}@${h.field}`)).toEqual(['completion-window@expectedCompletion'])
  expect(report.hints[0].message).toBe(`预期完成时间早于征集截止（${CQ.deadlines.enterprise}）`)
})
