/**
 * The bureau's overview charts (issue 16 §3) on a campaign of its own demands, submitted at
 * known instants through the server's functions: field × unit × status, submissions per
 * Shanghai day with the deadline evening, quota use, return reasons by theme; the same data
 * as workbook sheets; bureau only; empty when nothing came in.
 */
import { overviewSheets } from '../../server/overview'
import type { Reviewer } from '../../server/recommend'
import { recommendDemand, returnDemand } from '../../server/recommend'
import { saveDraft, submitDemand } from '../../server/demands'
import type { BureauOverview } from '../../types/recommend'
import { startTestServer, type TestServer } from '../support/app'
import { seedAccount, seedSubmitted, type Account } from '../support/seed-demands'
import { completeAnswers, recommenderAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns' // enterprise deadline 2025-07-20 (Asia/Shanghai)

const HZ = 'hz-2021-major-research' // nothing submitted
const at = (iso: string) => Date.parse(iso)
let s: TestServer
let bureau: Account
let recLj: Account
let recJxw: Account

const get = (who: Account, url: string) => s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${who.token}` } })
const overview = async (campaign: string): Promise<BureauOverview> => {
  const res = await get(bureau, `/api/recommend/campaigns/${campaign}/overview`)
  expect(res.statusCode).toBe(200)
  return res.json() as BureauOverview
}

beforeAll(async () => {
  s = await startTestServer({ now: at('2025-07-08T10:00:00+08:00') })
  const after = at('2025-07-21T10:00:00+08:00') // the enterprise deadline has passed, the units' has not
  bureau = await seedAccount(s.db, after, { role: 'bureau', unit: '重庆市科学技术局' })
  recLj = await seedAccount(s.db, after, { role: 'recommender', unit: 'liangjiang' })
  recJxw = await seedAccount(s.db, after, { role: 'recommender', unit: 'city-jxw' })
  const owner = await seedAccount(s.db, s.clock.now, { role: 'enterprise' })
  const cq = completeAnswers(CQ)
  const farm = { ...cq, domain: { domain: 'agriculture', direction: '智能农机' } }
  const submit = (answers: object, iso: string) => seedSubmitted(s.db, owner, CQ, answers as typeof cq, at(iso))
  // chips × 两江新区: 4; agriculture × 两江新区: 1; chips × 市经济信息委: 2
  const ids = [
    await submit({ ...cq, demandName: '需求一' }, '2025-07-08T10:05:00+08:00'),
    await submit({ ...cq, demandName: '需求二' }, '2025-07-10T00:30:00+08:00'), // 16:30 UTC on the 9th
    await submit({ ...cq, demandName: '需求三' }, '2025-07-20T18:10:00+08:00'),
    await submit({ ...cq, demandName: '需求四' }, '2025-07-20T23:40:00+08:00'),
    await submit({ ...farm, demandName: '需求五' }, '2025-07-20T20:00:00+08:00'),
    await submit({ ...cq, demandName: '需求六', recommender: 'city-jxw' }, '2025-07-12T09:00:00+08:00'),
    await submit({ ...cq, demandName: '需求七', recommender: 'city-jxw' }, '2025-07-12T11:00:00+08:00')
  ]
  const lj = recLj.session as Reviewer
  const jxw = recJxw.session as Reviewer
  await returnDemand(s.db, lj, ids[0], '请量化关键技术指标，写明现状值和目标值', at('2025-07-09T09:00:00+08:00'))
  // revised and submitted again on the 11th, returned again, still open
  const [draft] = await s.db.query<{ version: number; step: string }>('SELECT version, current_step AS step FROM demands WHERE id = $1', [ids[0]])
  const revised = { baseVersion: draft.version, answers: { ...cq, demandName: '需求一（修改）' }, currentStep: draft.step }
  const saved = await saveDraft(s.db, owner.session, ids[0], revised, at('2025-07-11T09:00:00+08:00'))
  await submitDemand(s.db, owner.session, ids[0], saved.version, at('2025-07-11T09:30:00+08:00'))
  await returnDemand(s.db, lj, ids[0], '缺少盖章的承诺书', at('2025-07-12T09:00:00+08:00'))
  await returnDemand(s.db, jxw, ids[5], '请量化考核指标', at('2025-07-13T09:00:00+08:00'))
  await returnDemand(s.db, jxw, ids[6], '请改由两江新区推荐', at('2025-07-13T10:00:00+08:00'))
  for (const id of [ids[1], ids[2]]) await recommendDemand(s.db, lj, id, after, { answers: recommenderAnswers(CQ) })
  s.clock.now = after
})
afterAll(() => s.close())

describe('the overview charts', () => {
  it('counts demands by field × unit × status (latest submission)', async () => {
    const { charts } = await overview(CQ)
    const cell = (domainId: string, unitId: string, status: string) =>
      charts.matrix.find((c) => c.domainId === domainId && c.unitId === unitId && c.status === status)?.count ?? 0
    expect(cell('chips', 'liangjiang', 'recommended')).toBe(2)
    expect(cell('chips', 'liangjiang', 'returned')).toBe(1)
    expect(cell('chips', 'liangjiang', 'submitted')).toBe(1)
    expect(cell('agriculture', 'liangjiang', 'submitted')).toBe(1)
    expect(cell('chips', 'city-jxw', 'returned')).toBe(2)
    expect(charts.matrix.reduce((n, c) => n + c.count, 0)).toBe(7)
  })

  it('counts submissions per Shanghai day up to the deadline, resubmissions apart, and the deadline evening', async () => {
    const { daily } = (await overview(CQ)).charts
    expect(daily.deadlineDay).toBe('2025-07-20')
    expect(daily.days[0].day).toBe('2025-07-08')
    expect(daily.days.at(-1)).toEqual({ day: '2025-07-20', first: 3, again: 0 })
    expect(daily.days).toHaveLength(13)
    const day = (d: string) => daily.days.find((x) => x.day === d)
    expect(day('2025-07-09')).toEqual({ day: '2025-07-09', first: 0, again: 0 })
    expect(day('2025-07-10')).toEqual({ day: '2025-07-10', first: 1, again: 0 })
    expect(day('2025-07-11')).toEqual({ day: '2025-07-11', first: 0, again: 1 })
    expect(day('2025-07-12')).toEqual({ day: '2025-07-12', first: 2, again: 0 })
    expect(daily.total).toBe(8)
    expect(daily.lastEvening).toBe(3)
  })

  it('groups every return reason given into themes', async () => {
    const { returns } = (await overview(CQ)).charts
    expect(returns.total).toBe(4)
    expect(Object.fromEntries(returns.themes.map((t) => [t.label, t.count]))).toEqual({ 指标不量化: 2, 材料缺失: 1, 不属于征集范围: 0, 信息不全: 0, 其他: 1 })
    expect(returns.themes.find((t) => t.label === '其他')?.examples).toEqual(['请改由两江新区推荐'])
  })

  it('shows quota use per unit in the counts by unit', async () => {
    const o = await overview(CQ)
    expect(o.byUnit.find((u) => u.unit.id === 'liangjiang')).toMatchObject({ quota: 30, received: 5, recommended: 2 })
    expect(o.byUnit.find((u) => u.unit.id === 'city-jxw')).toMatchObject({ quota: 20, received: 2, recommended: 0 })
  })

  it('is empty for a campaign nothing was submitted to', async () => {
    s.clock.now = at('2021-06-01T10:00:00+08:00')
    const hzBureau = await seedAccount(s.db, s.clock.now, { role: 'bureau', unit: '杭州市科学技术局' })
    const res = await get(hzBureau, `/api/recommend/campaigns/${HZ}/overview`)
    s.clock.now = at('2025-07-21T10:00:00+08:00')
    expect(res.statusCode).toBe(200)
    const { charts } = res.json() as BureauOverview
    expect(charts.matrix).toEqual([])
    expect(charts.daily.total).toBe(0)
    expect(charts.returns.total).toBe(0)
  })

  it('is the bureau’s only', async () => {
    const res = await get(recLj, `/api/recommend/campaigns/${CQ}/overview`)
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('overviewSheets', () => {
  it('gives one sheet per chart with the chart’s figures', async () => {
    const sheets = await overviewSheets(s.db, bureau.session as Reviewer, CQ, s.clock.now)
    expect(sheets.map((x) => x.name)).toEqual(['领域×推荐单位×状态', '每日提交', '名额使用', '退回原因主题'])
    for (const sheet of sheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(31)
      for (const row of sheet.rows) expect(row).toHaveLength(sheet.columns.length)
    }
    const [matrix, daily, quota, reasons] = sheets
    expect(matrix.rows).toContainEqual(['高端器件与芯片', '两江新区科技主管部门', '已推荐', 2])
    expect(matrix.rows.reduce((n, r) => n + (r[3] as number), 0)).toBe(7)
    expect(daily.rows.at(-1)).toEqual(['2025-07-20', 3, 0, 3, '是'])
    expect(quota.rows).toContainEqual(['两江新区科技主管部门', 5, 2, 30, '7%'])
    expect(reasons.rows[0]).toEqual(['指标不量化', 2, '请量化关键技术指标，写明现状值和目标值；请量化考核指标'])
  })
})
