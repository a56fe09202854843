import type { CampaignDetail, CampaignSummary } from '../../types/domain'
import { startTestServer, type TestServer } from '../support/app'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
})
afterAll(() => s.close())

const list = async () => (await s.app.inject({ url: '/api/campaigns' })).json().campaigns as CampaignSummary[]

describe('GET /api/health and /api/time', () => {
  it('reports the database it runs on', async () => {
    const res = await s.app.inject({ url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true, database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' })
  })

  it('answers the server clock, never cached', async () => {
    s.clock.now = Date.parse('2025-07-08T10:00:00+08:00')
    const res = await s.app.inject({ url: '/api/time' })
    expect(res.json()).toEqual({ now: s.clock.now, timezone: 'Asia/Shanghai' })
    expect(res.headers['cache-control']).toBe('no-store')
  })
})

describe('GET /api/campaigns', () => {
  it('lists every seeded notice with its real dates and a 演示 copy of each', async () => {
    const campaigns = await list()
    const originals = campaigns.filter((c) => !c.isDemo)
    expect(originals.map((c) => c.id)).toEqual(expect.arrayContaining(['cq-2026-key-areas', 'xj-2023-major-demands', 'hz-2021-major-research']))
    const cq = campaigns.find((c) => c.id === 'cq-2026-key-areas')!
    expect(cq.issuer).toBe('重庆市科学技术局')
    expect(cq.enterpriseDeadlineAt).toBe('2025-07-20T16:00:00.000Z')
    expect(cq.recommenderDeadlineAt).toBe('2025-07-25T16:00:00.000Z')
    const demos = campaigns.filter((c) => c.isDemo)
    expect(demos.map((d) => d.id).sort()).toEqual(originals.map((c) => `${c.id}-demo`).sort())
    for (const d of demos) {
      expect(d.title.startsWith('【演示】')).toBe(true)
      expect(Date.parse(d.enterpriseDeadlineAt)).toBeGreaterThan(s.clock.now)
      expect(d.status).toBe('open')
    }
  })

  it('puts open campaigns first, soonest deadline first, closed ones last', async () => {
    const statuses = (await list()).map((c) => c.status)
    const firstClosed = statuses.indexOf('closed')
    expect(statuses.slice(0, firstClosed).every((x) => x !== 'closed')).toBe(true)
    expect(statuses.slice(firstClosed).every((x) => x === 'closed')).toBe(true)
    const open = (await list()).filter((c) => c.status === 'open').map((c) => c.enterpriseDeadlineAt)
    expect([...open].sort()).toEqual(open)
  })

  it('closes the Chongqing campaign at 00:00:00.000 after its deadline day, by the server clock', async () => {
    s.clock.now = Date.parse('2025-07-20T23:59:59.999+08:00')
    expect((await list()).find((c) => c.id === 'cq-2026-key-areas')!.status).toBe('open')
    s.clock.now = Date.parse('2025-07-21T00:00:00.000+08:00')
    expect((await list()).find((c) => c.id === 'cq-2026-key-areas')!.status).toBe('closed')
  })
})

describe('GET /api/campaigns/:id', () => {
  it('returns the definition with the summary', async () => {
    const res = await s.app.inject({ url: '/api/campaigns/cq-2026-key-areas' })
    expect(res.statusCode).toBe(200)
    const detail = res.json() as CampaignDetail
    // The seven fields of section 四 and the five 专项 of section 六 without directions.
    expect(detail.definition.domains).toHaveLength(12)
    expect(detail.definition.contacts.length).toBeGreaterThan(10)
    expect(detail.title).toBe(detail.definition.title)
  })

  it('answers 404 with a stable code for an unknown id', async () => {
    const res = await s.app.inject({ url: '/api/campaigns/no-such-campaign' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '征集活动不存在或无权查看' })
  })

  it('answers 414, not 500, for an absurd id', async () => {
    const res = await s.app.inject({ url: '/api/campaigns/' + 'x'.repeat(500) })
    expect(res.statusCode).toBe(414)
    expect(res.json()).toEqual({ code: 'URI_TOO_LONG', message: '请求地址过长' })
  })
})

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const res = await s.app.inject({ url: '/api/nothing-here' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '请求的地址不存在' })
  })
})
