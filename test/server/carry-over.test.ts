/**
 * Starting a demand from what the enterprise already told us (issue 16 §4): a copy of one of its
 * own earlier demands, in any campaign (POST /api/campaigns/:id/demands?fromDemandId=), and the
 * unit and contact fields filled from the profile.
 */
import crypto from 'node:crypto'
import type { CreatedDemand } from '../../types/carry-over'
import type { Demand } from '../../types/domain'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ, HZ_DEMO as HZ, XJ_DEMO as XJ } from '../support/campaigns'

let s: TestServer
let ent: SignedIn
let other: SignedIn
let source: Demand

const profile = DEMO_PROFILES['ent-zhixin']
const { call } = requestsAs(() => s.app)
const create = (who: SignedIn, campaign: string, from?: string) =>
  call(who, 'POST', `/api/campaigns/${campaign}/demands${from ? `?fromDemandId=${from}` : ''}`)
const auditOf = async (id: string) =>
  (await s.db.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE demand_id = $1 AND action = 'create'`, [id]))[0].detail

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  ent = await signInH5(s.app, 'ent-zhixin')
  other = await signInH5(s.app, 'ent-shancheng')
  expect((await call(ent, 'PUT', '/api/profile', profile)).statusCode).toBe(200)
  const otherProfile = { ...profile, enterpriseName: '重庆山城生物医药股份有限公司', creditCode: '91500000MA5U7G3K1E', contactName: '李敏', mobile: '13900139000' }
  expect((await call(other, 'PUT', '/api/profile', otherProfile)).statusCode).toBe(200)
  // The earlier demand: a complete Chongqing demand, submitted.
  source = (await create(ent, CQ)).json()
  expect((await call(ent, 'PUT', `/api/demands/${source.id}/draft`, { baseVersion: 1, answers: completeAnswers(CQ), currentStep: 'files' })).statusCode).toBe(200)
  expect((await call(ent, 'POST', `/api/demands/${source.id}/submit`, { baseVersion: 2 })).json().status).toBe('submitted')
})
afterAll(() => s.close())

describe('a new demand copied from an earlier one', () => {
  it('carries what means the same into another campaign, with the report and the audit', async () => {
    const res = await create(ent, HZ, source.id)
    expect(res.statusCode).toBe(201)
    const d: CreatedDemand = res.json()
    const cq = completeAnswers(CQ)
    expect(d).toMatchObject({ campaignId: HZ, status: 'draft', version: 1, title: cq.demandName })
    expect(d.answers).toEqual({
      demandName: cq.demandName,
      problem: cq.background,
      researchContent: cq.researchContent,
      objectives: cq.expectedOutcome,
      indicators: cq.indicators,
      industrialization: cq.industrialization
    })
    const carried = ['demandName', 'problem', 'researchContent', 'objectives', 'indicators', 'industrialization']
    expect(d.carryOver!.carried.map((c) => c.field)).toEqual(carried)
    expect(d.carryOver!.toFill.map((f) => f.field)).toEqual(
      expect.arrayContaining(['sensitive', 'hasRdPlatform', 'domain', 'category', 'organizationModes', 'recommender'])
    )
    expect(d.carryOver!.skipped.map((f) => f.field)).toEqual(['domain', 'organizationModes', 'recommender'])
    // Stored as the working copy: another device opens the same answers.
    expect((await call(ent, 'GET', `/api/demands/${d.id}`)).json().answers).toEqual(d.answers)
    expect(await auditOf(d.id)).toEqual({
      fromProfile: [],
      fromDemandId: source.id,
      carried,
      toFill: d.carryOver!.toFill.map((f) => f.field)
    })
  })

  it('copies within the same campaign, the source left as it was', async () => {
    const d: CreatedDemand = (await create(ent, CQ, source.id)).json()
    expect(d.answers).toEqual(completeAnswers(CQ))
    expect(d.carryOver!.toFill).toEqual([])
    expect(d.id).not.toBe(source.id)
    const again = (await call(ent, 'GET', `/api/demands/${source.id}`)).json()
    expect(again).toMatchObject({ status: 'submitted', version: 2 })
  })

  it('fills the unit field from the profile, also without a copy (and then with no report)', async () => {
    const plain: CreatedDemand = (await create(ent, XJ)).json()
    expect(plain.answers).toEqual({ undertakingUnit: profile.enterpriseName })
    expect(plain).not.toHaveProperty('carryOver')
    expect(await auditOf(plain.id)).toEqual({ fromProfile: ['undertakingUnit'] })
    const copied: CreatedDemand = (await create(ent, XJ, source.id)).json()
    expect(copied.answers).toMatchObject({ undertakingUnit: profile.enterpriseName, projectName: completeAnswers(CQ).demandName })
    expect(copied.carryOver!.carried.find((c) => c.field === 'undertakingUnit')).toMatchObject({ from: 'profile' })
  })

  it('another enterprise’s demand is not found, as is an unknown one; nothing is created', async () => {
    const before = (await call(other, 'GET', '/api/demands')).json().demands.length
    for (const id of [source.id, crypto.randomUUID()]) {
      const res = await create(other, CQ, id)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ code: 'SOURCE_DEMAND_NOT_FOUND', message: '要复制的需求不存在，或不是本单位的需求' })
    }
    expect((await call(other, 'GET', '/api/demands')).json().demands).toHaveLength(before)
  })

  it('an id that is no id is a client mistake (400), not a server error', async () => {
    const res = await create(ent, CQ, 'not-a-uuid')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toEqual(expect.any(String))
  })

  it('a copy counts against the campaign’s limit like any new demand', async () => {
    // Hangzhou allows one demand per ordinary enterprise, and the first test started it.
    const res = await create(ent, HZ, source.id)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('DEMAND_LIMIT_REACHED')
  })
})
