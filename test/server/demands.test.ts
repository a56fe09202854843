import crypto from 'node:crypto'
import type { Demand } from '../../types/domain'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

let s: TestServer
let ent: SignedIn
let other: SignedIn

const profile = DEMO_PROFILES['ent-zhixin']
type Who = SignedIn | null
const { call } = requestsAs(() => s.app)

const create = async (who: SignedIn, campaign = CQ) => call(who, 'POST', `/api/campaigns/${campaign}/demands`)
const save = (who: Who, d: { id: string }, baseVersion: number, answers: object, currentStep = 'basic') =>
  call(who, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion, answers, currentStep })
const get = async (who: SignedIn, id: string) => (await call(who, 'GET', `/api/demands/${id}`)).json() as Demand

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  ent = await signInH5(s.app, 'ent-zhixin')
  other = await signInH5(s.app, 'ent-shancheng')
})
afterAll(() => s.close())

describe('starting a demand', () => {
  it('asks for the profile first', async () => {
    const res = await create(ent)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('PROFILE_INCOMPLETE')
    expect((await call(ent, 'PUT', '/api/profile', profile)).statusCode).toBe(200)
    await call(other, 'PUT', '/api/profile', { ...profile, enterpriseName: '重庆山城生物医药股份有限公司', creditCode: '91500000MA5U7G3K1E', unitType: 'large_enterprise' })
  })

  it('starts a draft at the first step', async () => {
    const res = await create(ent)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ status: 'draft', version: 1, currentStep: 'secrecy', submittedVersion: null, readOnly: false, answers: {} })
  })

  it('keeps to the campaign’s limit per unit type (Hangzhou: one for an ordinary enterprise)', async () => {
    expect((await create(ent, 'hz-2021-major-research-demo')).statusCode).toBe(201)
    const second = await create(ent, 'hz-2021-major-research-demo')
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ code: 'DEMAND_LIMIT_REACHED', message: expect.stringContaining('最多填报1项') })
    // a large enterprise may file two
    expect((await create(other, 'hz-2021-major-research-demo')).statusCode).toBe(201)
    expect((await create(other, 'hz-2021-major-research-demo')).statusCode).toBe(201)
  })

  it('refuses a closed campaign and an unknown one', async () => {
    const closed = await create(ent, 'xj-2023-major-demands')
    expect(closed.statusCode).toBe(403)
    expect(closed.json().code).toBe('DEADLINE_PASSED')
    expect((await create(ent, 'no-such')).statusCode).toBe(404)
  })

  it('is for enterprise accounts only', async () => {
    const rec = await signInH5(s.app, 'rec-liangjiang')
    const res = await create(rec)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })
})

describe('drafts and versions', () => {
  let d: Demand
  beforeAll(async () => {
    d = (await create(ent)).json()
  })

  it('saves, and another device resumes at the same step with every word', async () => {
    const res = await save(ent, d, 1, { classified: false, demandName: '车规级MCU芯片' }, 'basic')
    expect(res.statusCode).toBe(200)
    expect(res.json().version).toBe(2)
    const phone2 = await signInH5(s.app, 'ent-zhixin')
    const resumed = await get(phone2, d.id)
    expect(resumed).toMatchObject({ version: 2, currentStep: 'basic', title: '车规级MCU芯片', answers: { classified: false, demandName: '车规级MCU芯片' } })
  })

  it('answers 409 with the current copy to a save based on an old version, and overwrites nothing', async () => {
    const stale = await save(ent, d, 1, { classified: false, demandName: '另一台手机上的名称' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 2, answers: { demandName: '车规级MCU芯片' } } })
    expect((await get(ent, d.id)).answers.demandName).toBe('车规级MCU芯片')
  })

  it('refuses unknown fields and wrong types, keeping what was saved', async () => {
    const unknown = await save(ent, d, 2, { demandName: 'x', secretBackdoor: 1 })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().fields).toEqual([expect.objectContaining({ field: 'secretBackdoor', code: 'UNKNOWN_FIELD' })])
    const wrongType = await save(ent, d, 2, { demandName: 12345 })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().fields[0]).toMatchObject({ field: 'demandName', code: 'INVALID_TYPE' })
    expect(await get(ent, d.id)).toMatchObject({ version: 2, answers: { demandName: '车规级MCU芯片' } })
  })

  it('keeps an over-long text in the draft but refuses it at submit, naming the field', async () => {
    const long = { ...completeAnswers(CQ), demandName: '芯'.repeat(500) }
    expect((await save(ent, d, 2, long)).statusCode).toBe(200)
    const res = await call(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: 3 })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
    expect(res.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'demandName', code: 'TOO_LONG' })]))
    expect((await get(ent, d.id)).status).toBe('draft')
  })

  it('submits an immutable version, then revises and resubmits; both versions kept with what changed', async () => {
    const answers = completeAnswers(CQ)
    expect((await save(ent, d, 3, answers)).statusCode).toBe(200)
    const first = await call(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: 4 })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ status: 'submitted', submittedVersion: 1, hasUnsubmittedChanges: false })

    const revised = { ...answers, researchContent: answers.researchContent + '（修订：补充功能安全要求）' }
    expect((await save(ent, d, 4, revised)).statusCode).toBe(200)
    expect((await get(ent, d.id)).hasUnsubmittedChanges).toBe(true)
    const second = await call(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: 5 })
    expect(second.json()).toMatchObject({ submittedVersion: 2, hasUnsubmittedChanges: false })

    const versions = (await call(ent, 'GET', `/api/demands/${d.id}/versions`)).json().versions
    expect(versions.map((v: { number: number }) => v.number)).toEqual([2, 1])
    const v1 = (await call(ent, 'GET', `/api/demands/${d.id}/versions/1`)).json()
    expect(v1.answers.researchContent).toBe(answers.researchContent)
    expect(v1.profile.enterpriseName).toBe('重庆智芯微电子有限公司')
    const diff = (await call(ent, 'GET', `/api/demands/${d.id}/diff?from=1&to=2`)).json()
    expect(diff.changes).toEqual([
      expect.objectContaining({ field: 'researchContent', label: expect.any(String), before: answers.researchContent, after: revised.researchContent })
    ])
  })

  it('writes every change to the audit log with versions', async () => {
    const rows = await s.db.query<{ action: string; from_version: number | null; to_version: number | null }>(
      `SELECT action, from_version, to_version FROM audit_log WHERE demand_id = $1 ORDER BY at, to_version NULLS LAST`,
      [d.id]
    )
    expect(rows.map((r) => r.action)).toEqual(['create', 'save_draft', 'save_draft', 'save_draft', 'submit', 'save_draft', 'submit'])
    expect(rows[1]).toMatchObject({ from_version: 1, to_version: 2 })
  })

  it('stops a classified demand at submit', async () => {
    const c = (await create(ent)).json()
    expect((await save(ent, c, 1, { ...completeAnswers(CQ), classified: true })).statusCode).toBe(200)
    const res = await call(ent, 'POST', `/api/demands/${c.id}/submit`, { baseVersion: 2 })
    expect(res.statusCode).toBe(400)
    expect(res.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'GATE_STOPPED' })]))
  })
})

describe('the enterprise deadline, by the server clock in Asia/Shanghai', () => {
  it('accepts a save at 23:59:59.999 and refuses one at 00:00:00.000, leaving the demand readable', async () => {
    s.clock.now = Date.parse('2025-07-20T20:00:00+08:00')
    const late1 = await signInH5(s.app, 'ent-zhixin') // sessions last a week of server time
    const d = (await create(late1)).json()
    s.clock.now = Date.parse('2025-07-20T23:59:59.999+08:00')
    expect((await save(late1, d, 1, { demandName: '最后一刻' })).statusCode).toBe(200)
    s.clock.now = Date.parse('2025-07-21T00:00:00.000+08:00')
    const ent = late1
    const late = await save(ent, d, 2, { demandName: '晚了一毫秒' })
    expect(late.statusCode).toBe(403)
    expect(late.json()).toEqual({ code: 'DEADLINE_PASSED', message: '填报已于2025年7月20日 24:00截止，需求只能查看，不能再修改' })
    const submit = await call(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: 2 })
    expect(submit.json().code).toBe('DEADLINE_PASSED')
    expect(await get(ent, d.id)).toMatchObject({ readOnly: true, answers: { demandName: '最后一刻' } })
    s.clock.now = Date.parse('2025-07-08T10:00:00+08:00')
  })
})

describe('the session of a draft save, checked in the save’s own statement', () => {
  const sid = (who: SignedIn) => /sid=([^;]+)/.exec(who.cookie)![1]
  const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

  it('refuses a save once the session was ended elsewhere (another instance, the operator’s CLI), even right after one it made', async () => {
    const phone = await signInH5(s.app, 'ent-zhixin')
    const d: Demand = (await create(phone)).json()
    expect((await save(phone, d, 1, { demandName: '第一次保存' })).statusCode).toBe(200)
    // ended in the database only, as another server process or the CLI ends it: this process is not told
    await s.db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1', [hashOf(sid(phone)), new Date(s.clock.now)])
    const refused = await save(phone, d, 2, { demandName: '会话结束后的保存' })
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'UNAUTHENTICATED'])
    expect(await get(ent, d.id)).toMatchObject({ version: 2, answers: { demandName: '第一次保存' } })
  })

  it('refuses a save once the session has expired by the server clock', async () => {
    const phone = await signInH5(s.app, 'ent-zhixin')
    const d: Demand = (await create(phone)).json()
    expect((await save(phone, d, 1, { demandName: '过期前' })).statusCode).toBe(200)
    const start = s.clock.now
    try {
      s.clock.now = start + s.config.sessionTtlHours * 3_600_000 + 1
      expect((await save(phone, d, 2, { demandName: '过期后' })).statusCode).toBe(401)
    } finally {
      s.clock.now = start
    }
    expect((await get(ent, d.id)).answers.demandName).toBe('过期前')
  })

  it('counts an agreement given elsewhere at once', async () => {
    const d: Demand = (await create(await signInH5(s.app, 'ent-shancheng'))).json()
    const phone = await signInH5(s.app, 'ent-shancheng')
    const [{ userId }] = await s.db.query<{ userId: string }>('SELECT user_id AS "userId" FROM sessions WHERE token_hash = $1', [hashOf(sid(phone))])
    // as if the agreements had a new version the person has not agreed to yet
    const agreed = await s.db.query('DELETE FROM consents WHERE user_id = $1 RETURNING *', [userId])
    try {
      const asked = await save(phone, d, 1, { demandName: '未同意' })
      expect([asked.statusCode, asked.json().code]).toEqual([403, 'CONSENT_REQUIRED'])
    } finally {
      // agreed, on another instance
      for (const c of agreed) await s.db.query('INSERT INTO consents (user_id, document, version, agreed_at) VALUES ($1, $2, $3, $4)', [c.user_id, c.document, c.version, c.agreed_at])
    }
    expect((await save(phone, d, 1, { demandName: '已同意' })).statusCode).toBe(200)
  })
})

describe('authorization and bad input', () => {
  let d: Demand
  beforeAll(async () => {
    d = (await create(ent)).json()
  })

  it('answers 404 to another enterprise on every demand route', async () => {
    const routes: Array<['GET' | 'POST' | 'PUT', string, unknown?]> = [
      ['GET', `/api/demands/${d.id}`],
      ['PUT', `/api/demands/${d.id}/draft`, { baseVersion: 1, answers: {}, currentStep: 'basic' }],
      ['POST', `/api/demands/${d.id}/submit`, { baseVersion: 1 }],
      ['GET', `/api/demands/${d.id}/versions`],
      ['GET', `/api/demands/${d.id}/versions/1`]
    ]
    for (const [method, url, payload] of routes) {
      const res = await call(other, method, url, payload)
      expect([url, res.statusCode]).toEqual([url, 404])
      expect((await call(null, method, url, payload)).statusCode).toBe(401)
    }
    expect((await get(ent, d.id)).version).toBe(1)
  })

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await call(ent, 'GET', `/api/demands/${crypto.randomUUID()}`)).statusCode).toBe(404)
    const bad = await call(ent, 'GET', '/api/demands/not-a-uuid')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().field).toBe('id')
  })

  it.each([
    ['no baseVersion', { answers: {}, currentStep: 'basic' }],
    ['answers not an object', { baseVersion: 1, answers: [], currentStep: 'basic' }],
    ['a step that does not exist', { baseVersion: 1, answers: {}, currentStep: 'nowhere' }],
    ['a negative version', { baseVersion: -1, answers: {}, currentStep: 'basic' }]
  ])('answers 400 for %s', async (_what, body) => {
    const res = await call(ent, 'PUT', `/api/demands/${d.id}/draft`, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await get(ent, d.id)).version).toBe(1)
  })
})
