/**
 * Quotas are enforced by the database: one at a time on any database, and under a real race
 * of concurrent requests on the PostgreSQL server (TEST_DATABASE_URL; .ci/run sets it). A unit
 * type's sub-quota is counted under the same lock as the quota, so it holds under a race too.
 */
import type { Ranking } from '../../types/recommend'
import { startTestServer, type TestServer } from '../support/app'
import { usingPostgres } from '../support/db'
import { seedAccount, seedManyCq, seedSubmitted, type Account } from '../support/seed-demands'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers, recommenderAnswers } from '../types/fixtures'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
})
afterAll(() => s.close())

const recommend = (token: string, id: string, payload?: object) =>
  s.app.inject({ method: 'POST', url: `/api/recommend/demands/${id}/recommend`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })

describe('the quota, one recommendation at a time', () => {
  const XJ = 'xj-2023-major-demands-demo' // 自治区工业和信息化厅: at most 5
  const contact = { answers: recommenderAnswers(XJ) } // 附件3: the unit's contact for the project
  let recommender: Account
  let ids: string[]

  beforeAll(async () => {
    const now = s.clock.now
    recommender = await seedAccount(s.db, now, { role: 'recommender', unit: 'xj-gxt' })
    const owners = [await seedAccount(s.db, now, { role: 'enterprise' }), await seedAccount(s.db, now, { role: 'enterprise' })]
    ids = []
    for (let i = 0; i < 6; i++) {
      ids.push(await seedSubmitted(s.db, owners[i % 2], XJ, { ...completeAnswers(XJ), projectName: `光伏运维机器人${i + 1}` }, now))
    }
  })

  it('recommends five and refuses the sixth with a clear message', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await recommend(recommender.token, ids[i], contact)
      expect([i, res.statusCode, res.json().rank]).toEqual([i, 200, i + 1])
    }
    const sixth = await recommend(recommender.token, ids[5], contact)
    expect(sixth.statusCode).toBe(409)
    expect(sixth.json()).toEqual({
      code: 'QUOTA_EXCEEDED',
      message: '本单位推荐名额为5项，已全部用完，不能再推荐；如需推荐，请先将已推荐的需求改为不予推荐'
    })
    const [row] = await s.db.query<{ status: string; rank: number | null }>('SELECT status, rank FROM demands WHERE id = $1', [ids[5]])
    expect(row).toEqual({ status: 'submitted', rank: null })
  })

  it('frees a place when one is withdrawn; ranks stay 1…n', async () => {
    const out = await s.app.inject({
      method: 'POST',
      url: `/api/recommend/demands/${ids[2]}/not-recommend`,
      headers: { authorization: `Bearer ${recommender.token}` },
      payload: { reason: '名额调整' }
    })
    expect(out.statusCode).toBe(200)
    const sixth = await recommend(recommender.token, ids[5], contact)
    expect(sixth.statusCode).toBe(200)
    expect(sixth.json().rank).toBe(5)
    const ranking = (
      await s.app.inject({ url: '/api/recommend/campaigns/xj-2023-major-demands-demo/ranking', headers: { authorization: `Bearer ${recommender.token}` } })
    ).json() as Ranking
    expect(ranking.groups[0].items.map((i) => [i.id, i.rank])).toEqual([
      [ids[0], 1],
      [ids[1], 2],
      [ids[3], 3],
      [ids[4], 4],
      [ids[5], 5]
    ])
    expect(ranking.groups[0].quota).toEqual({ quota: 5, used: 5, left: 0 })
  })

  it('is refused by the database itself, whatever the code does', async () => {
    await expect(
      s.db.query(`UPDATE recommendation_quotas SET used = used + 1 WHERE campaign_id = $1 AND unit_id = 'xj-gxt'`, [XJ])
    ).rejects.toThrow(/recommendation_quota_used/)
    await expect(
      s.db.query(`UPDATE demands SET rank = 1 WHERE id = $1`, [ids[1]]) // rank 1 is taken
    ).rejects.toThrow(/demands_unit_rank/)
    await expect(
      s.db.query(`UPDATE demands SET status = 'recommended' WHERE id = $1`, [ids[2]]) // recommended without a place
    ).rejects.toThrow(/demands_rank_when_recommended/)
  })
})

const onPostgres = usingPostgres ? describe : describe.skip

onPostgres('the quota under a race, on the PostgreSQL server', () => {
  const CQ = 'cq-2026-key-areas' // 西部科学城重庆高新区: at most 40
  let ids: string[]
  let demo: SignedIn // the demo account, signed in through the provider (cookie session)
  let colleague: string // a second recommender of the same unit (bearer token)

  beforeAll(async () => {
    ids = await seedManyCq(s.db, CQ, 'cq-gxq', 60, s.clock.now)
    demo = await signInH5(s.app, 'rec-gaoxin')
    colleague = (await seedAccount(s.db, s.clock.now, { role: 'recommender', unit: 'cq-gxq', name: '同事' })).token
  })

  it('lets exactly 40 of 60 concurrent recommendations through and refuses 20 with a clear message', async () => {
    const results = await Promise.all(
      ids.map((id, i) =>
        i % 2
          ? recommend(colleague, id)
          : s.app.inject({
              method: 'POST',
              url: `/api/recommend/demands/${id}/recommend`,
              headers: { cookie: demo.cookie, 'x-csrf-token': demo.csrfToken }
            })
      )
    )
    const codes = results.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 200)).toHaveLength(40)
    const refused = results.filter((r) => r.statusCode !== 200)
    expect(refused).toHaveLength(20)
    for (const r of refused) {
      expect(r.statusCode).toBe(409)
      expect(r.json()).toEqual({ code: 'QUOTA_EXCEEDED', message: '本单位推荐名额为40项，已全部用完，不能再推荐；如需推荐，请先将已推荐的需求改为不予推荐' })
    }
    const ranks = (
      await s.db.query<{ rank: number }>(`SELECT rank FROM demands WHERE campaign_id = $1 AND recommender_unit = 'cq-gxq' AND status = 'recommended' ORDER BY rank`, [CQ])
    ).map((r) => r.rank)
    expect(ranks).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    const [counter] = await s.db.query<{ used: number; quota: number }>(
      `SELECT used, quota FROM recommendation_quotas WHERE campaign_id = $1 AND unit_id = 'cq-gxq'`,
      [CQ]
    )
    expect(counter).toEqual({ used: 40, quota: 40 })
    // the refused ones are untouched, and the recommended ones got their messages
    const [{ n }] = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM demands WHERE campaign_id = $1 AND recommender_unit = 'cq-gxq' AND status = 'submitted' AND rank IS NULL`,
      [CQ]
    )
    expect(n).toBe(20)
    const [{ m }] = await s.db.query<{ m: number }>(
      `SELECT count(*)::int AS m FROM notifications WHERE kind = 'status_recommended' AND demand_id = ANY($1::uuid[])`,
      [ids]
    )
    expect(m).toBe(40)
  })
})

onPostgres('a sub-quota under a race, on the PostgreSQL server', () => {
  const HZ = 'hz-2021-major-research-demo' // 大企业集团或头部企业: 2, of which at most 1 以“揭榜挂帅”或创新联合体攻关的方式组织
  const UNIT = 'leading-enterprise'
  let ids: string[]
  let clerks: Account[]

  beforeAll(async () => {
    const now = s.clock.now
    clerks = [await seedAccount(s.db, now, { role: 'recommender', unit: UNIT }), await seedAccount(s.db, now, { role: 'recommender', unit: UNIT, name: '同事' })]
    ids = []
    for (let i = 0; i < 6; i++) {
      const owner = await seedAccount(s.db, now, { role: 'enterprise' })
      const modes = [i % 2 ? 'open_competition' : 'innovation_consortium', 'industry_chain']
      ids.push(await seedSubmitted(s.db, owner, HZ, { ...completeAnswers(HZ), recommender: UNIT, demandName: `联合攻关需求${i + 1}`, organizationModes: modes }, now))
    }
  })

  it('lets exactly one of six concurrent 揭榜挂帅 / 创新联合体 demands through, and keeps the other place free', async () => {
    const opinion = { answers: recommenderAnswers(HZ) }
    const results = await Promise.all(ids.map((id, i) => recommend(clerks[i % 2].token, id, opinion)))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409])
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toEqual({
        code: 'SUB_QUOTA_EXCEEDED',
        message: '本单位推荐的需求中，“以“揭榜挂帅”或创新联合体攻关的方式组织”最多1项，已推荐1项，不能再推荐此类需求；如需推荐，请先将已推荐的同类需求改为不予推荐'
      })
    }
    const rows = await s.db.query<{ status: string; rank: number | null; answers: Record<string, unknown> }>(
      `SELECT status, rank, recommender_answers AS answers FROM demands WHERE id = ANY($1::uuid[]) ORDER BY rank NULLS LAST`,
      [ids]
    )
    expect(rows.map((r) => [r.status, r.rank])).toEqual([['recommended', 1], ...Array.from({ length: 5 }, () => ['submitted', null])])
    // the refused ones keep nothing of the attempt
    expect(rows[0].answers).toEqual(recommenderAnswers(HZ))
    for (const r of rows.slice(1)) expect(r.answers).toEqual({})
    const [counter] = await s.db.query<{ used: number; quota: number }>(
      `SELECT used, quota FROM recommendation_quotas WHERE campaign_id = $1 AND unit_id = $2`,
      [HZ, UNIT]
    )
    expect(counter).toEqual({ used: 1, quota: 2 })
  })
})
