/**
 * Quotas are enforced by the database: one at a time on any database, and under a real race
 * of concurrent requests on the PostgreSQL server (TEST_DATABASE_URL; .ci/run sets it).
 */
import type { Ranking } from '../../types/recommend'
import { startTestServer, type TestServer } from '../support/app'
import { usingPostgres } from '../support/db'
import { seedAccount, seedManyCq, seedSubmitted, type Account } from '../support/seed-demands'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
})
afterAll(() => s.close())

const recommend = (token: string, id: string) =>
  s.app.inject({ method: 'POST', url: `/api/recommend/demands/${id}/recommend`, headers: { authorization: `Bearer ${token}` } })

describe('the quota, one recommendation at a time', () => {
  const XJ = 'xj-2023-major-demands-demo' // 自治区工业和信息化厅: at most 5
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
      const res = await recommend(recommender.token, ids[i])
      expect([i, res.statusCode, res.json().rank]).toEqual([i, 200, i + 1])
    }
    const sixth = await recommend(recommender.token, ids[5])
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
    const sixth = await recommend(recommender.token, ids[5])
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
