/**
 * The quality score kept with each submission (migration 014, issue 16 §1): the score of the
 * version as submitted, on every inbox item and on the demand as the unit reviews it, renewed by
 * a resubmission; the inbox sorted by it (?sort=score), best first, with demands submitted
 * before scores were kept (NULL) after every scored one.
 */
import cqJson from '../../campaigns/cq-2026-key-areas.json'
import type { CampaignDefinition } from '../../types/campaign'
import { qualityReport } from '../../types/quality'
import type { InboxPage, ReviewDemand } from '../../types/recommend'
import { validateDefinition } from '../../types/validate-definition'
import { startTestServer, type TestServer } from '../support/app'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

const DURING = Date.parse('2025-07-08T10:00:00+08:00')
const def = ((r) => (r.ok ? r.definition : (undefined as never)))(validateDefinition(JSON.parse(JSON.stringify(cqJson)))) as CampaignDefinition

let s: TestServer
let ent: SignedIn
let rec: SignedIn
const { call, json } = requestsAs(() => s.app)

const good = () => ({ ...completeAnswers(CQ), demandName: '车规级ASIL-D功能安全MCU芯片攻关及产业化' })
const vague = () => ({
  ...completeAnswers(CQ),
  demandName: '车规级MCU芯片可靠性提升',
  expectedOutcome: '整体性能达到国际先进水平，填补国内空白。',
  indicators: [{ name: 'CPU主频', current: '', target: '300', unit: 'MHz' }]
})
const scoreOf = (answers: Record<string, unknown>) => qualityReport(def, answers, 'enterprise').score

async function submit(answers: Record<string, unknown>, id?: string): Promise<string> {
  const d = id ? await json<{ id: string; version: number; currentStep: string }>(ent, 'GET', `/api/demands/${id}`) : (await call(ent, 'POST', `/api/campaigns/${CQ}/demands`)).json()
  const saved = await json<{ version: number }>(ent, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: d.currentStep })
  await json(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.version })
  return d.id
}
const inbox = (query = '') => json<InboxPage>(rec, 'GET', `/api/recommend/campaigns/${CQ}/demands${query}`)

beforeAll(async () => {
  s = await startTestServer({ now: DURING })
  ent = await signInH5(s.app, 'ent-zhixin')
  rec = await signInH5(s.app, 'rec-liangjiang')
  const profile = { enterpriseName: '重庆智芯微电子有限公司', creditCode: '91500108576231840F', contactName: '张明', mobile: '13800138000', unitType: 'enterprise' }
  expect((await call(ent, 'PUT', '/api/profile', profile)).statusCode).toBe(200)
})
afterAll(() => s.close())

it('keeps the score of each submitted version, sorts the inbox by it, and puts unscored demands last', async () => {
  expect(scoreOf(good())).toBeGreaterThan(scoreOf(vague()))
  const unscored = await submit(good())
  // As a demand submitted before migration 014 stands: no score.
  await s.db.query('UPDATE demands SET quality_score = NULL WHERE id = $1', [unscored])
  s.clock.now = DURING + 60_000
  const poor = await submit(vague())
  s.clock.now = DURING + 120_000
  const best = await submit(good())

  const latest = await inbox()
  expect(latest.items.map((i) => [i.id, i.score])).toEqual([
    [best, scoreOf(good())],
    [poor, scoreOf(vague())],
    [unscored, null]
  ])
  expect((await inbox('?sort=score')).items.map((i) => i.id)).toEqual([best, poor, unscored])
  expect((await inbox('?sort=score&pageSize=1&page=3')).items.map((i) => i.id)).toEqual([unscored])
  expect(await json<ReviewDemand>(rec, 'GET', `/api/recommend/demands/${poor}`)).toMatchObject({ id: poor, score: scoreOf(vague()) })

  // Resubmitted with the figures: the new version's score, and its place in the order.
  s.clock.now = DURING + 180_000
  const improved = { ...vague(), expectedOutcome: good().expectedOutcome, indicators: good().indicators, demandName: '车规级MCU芯片可靠性提升与ASIL-D认证' }
  await submit(improved, poor)
  expect(scoreOf(improved)).toBeGreaterThan(scoreOf(vague()))
  const sorted = (await inbox('?sort=score')).items
  expect(sorted.find((i) => i.id === poor)?.score).toBe(scoreOf(improved))
  expect(sorted.map((i) => i.id).at(-1)).toBe(unscored)
  expect(sorted.map((i) => i.score)).toEqual([...sorted.map((i) => i.score)].sort((a, b) => (b ?? -1) - (a ?? -1)))
})
