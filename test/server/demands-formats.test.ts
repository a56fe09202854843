/**
 * The format additions where the server is the authority: no limit per applicant
 * (perEnterprise null), fields for some unit types only (not asked, not submitted), a rule
 * comparing fields refusing a submission, and an “其他” choice saved and submitted with its text.
 */
import cqJson from '../../campaigns/cq-2026-key-areas.json'
import { publishVersion } from '../../server/campaigns'
import type { CampaignDefinition } from '../../types/campaign'
import type { Demand, DemandVersion } from '../../types/domain'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'

let s: TestServer
let ent: SignedIn
let institute: SignedIn

const profile = DEMO_PROFILES['ent-zhixin']
const { call } = requestsAs(() => s.app)
const create = async (who: SignedIn, campaign: string) => call(who, 'POST', `/api/campaigns/${campaign}/demands`)
const save = (who: SignedIn, d: { id: string; version: number }, answers: object) =>
  call(who, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: 'recommend' })
const submit = async (who: SignedIn, id: string) => {
  const d = (await call(who, 'GET', `/api/demands/${id}`)).json() as Demand
  return call(who, 'POST', `/api/demands/${id}/submit`, { baseVersion: d.version })
}

/** Chongqing under another id, changed; published as the bureau would. */
async function publishCopy(id: string, change: (def: CampaignDefinition) => void): Promise<void> {
  const def = JSON.parse(JSON.stringify(cqJson)) as CampaignDefinition
  def.id = id
  change(def)
  await publishVersion(s.db, def, { source: 'test' }, s.clock.now)
}

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  ent = await signInH5(s.app, 'ent-zhixin')
  institute = await signInH5(s.app, 'ent-shancheng')
  expect((await call(ent, 'PUT', '/api/profile', profile)).statusCode).toBe(200)
  expect(
    (await call(institute, 'PUT', '/api/profile', { ...profile, enterpriseName: '重庆山城生物医药股份有限公司', creditCode: '91500000MA5U7G3K1E', unitType: 'new_rd_institution' })).statusCode
  ).toBe(200)
})
afterAll(() => s.close())

it('perEnterprise null: an enterprise may start more demands than any limit would allow', async () => {
  await publishCopy('cq-unlimited', (def) => {
    def.demandLimit = { perEnterprise: null }
  })
  // The shipped Chongqing file allows 10; without a limit the 11th is started too.
  for (let i = 0; i < 11; i++) expect((await create(ent, 'cq-unlimited')).statusCode).toBe(201)
  await publishCopy('cq-limited', (def) => {
    def.demandLimit = { perEnterprise: 1 }
  })
  expect((await create(ent, 'cq-limited')).statusCode).toBe(201)
  expect((await create(ent, 'cq-limited')).json()).toMatchObject({ code: 'DEMAND_LIMIT_REACHED' })
})

it('杭州: a new R&D institution submits without the R&D figures, and figures it typed are not submitted', async () => {
  const res = await create(institute, 'hz-2021-major-research-demo')
  expect(res.statusCode).toBe(201)
  const d = res.json() as Demand
  const answers: Record<string, unknown> = { ...completeAnswers('hz-2021-major-research'), category: 'self_designed', rdRatio: 1.2 }
  delete answers.rdTotal
  delete answers.projectRdInvestment
  expect((await save(institute, d, answers)).statusCode).toBe(200)
  const submitted = await submit(institute, d.id)
  expect([submitted.statusCode, submitted.json().code]).toEqual([200, undefined])
  const version = (await call(institute, 'GET', `/api/demands/${d.id}/versions/1`)).json() as DemandVersion
  expect(version.answers).not.toHaveProperty('rdRatio')
  expect(version.answers).toMatchObject({ demandName: answers.demandName, category: 'self_designed' })
})

it('杭州: an enterprise must give them', async () => {
  const d = (await create(ent, 'hz-2021-major-research-demo')).json() as Demand
  const answers: Record<string, unknown> = completeAnswers('hz-2021-major-research')
  delete answers.rdTotal
  expect((await save(ent, d, answers)).statusCode).toBe(200)
  const refused = await submit(ent, d.id)
  expect(refused.statusCode).toBe(400)
  expect(refused.json().fields).toEqual([{ field: 'rdTotal', code: 'REQUIRED', message: '上年度研发投入总额为必填项' }])
})

it('新疆: public funding above the planned total is refused at submission, at its field', async () => {
  const d = (await create(ent, 'xj-2023-major-demands-demo')).json() as Demand
  expect((await save(ent, d, { ...completeAnswers('xj-2023-major-demands'), fiscalSupport: 9000 })).statusCode).toBe(200)
  const refused = await submit(ent, d.id)
  expect(refused.statusCode).toBe(400)
  expect(refused.json().fields).toEqual([
    { field: 'fiscalSupport', code: 'OUT_OF_RANGE', message: '财政资金支持强度建议不能超过项目计划总投入，当前填写9000万元，项目计划总投入为8600万元。' }
  ])
})

it('an “其他” choice is saved and submitted with its text; an ill-shaped one is refused on save', async () => {
  await publishCopy('cq-other', (def) => {
    const modes = def.steps.flatMap((st) => st.fields).find((f) => f.id === 'organizationModes')
    if (modes?.kind !== 'multi') throw new Error('no organisation modes')
    modes.options.push({ value: 'other', label: '其他', other: true, otherMaxLength: 30 })
  })
  const d = (await create(ent, 'cq-other')).json() as Demand
  const bad = await save(ent, d, { organizationModes: [{ value: 42, other: '军民协同' }] })
  expect(bad.statusCode).toBe(400)
  expect(bad.json().fields).toEqual([{ field: 'organizationModes', code: 'INVALID_TYPE', message: '攻关组织方式应为选项列表' }])
  const modes = ['cross_region', { value: 'other', other: ' 军民协同创新 ' }]
  expect((await save(ent, d, { ...completeAnswers('cq-2026-key-areas'), organizationModes: modes })).statusCode).toBe(200)
  const submitted = await submit(ent, d.id)
  expect([submitted.statusCode, submitted.json().fields]).toEqual([200, undefined])
  const version = (await call(ent, 'GET', `/api/demands/${d.id}/versions/1`)).json() as DemandVersion
  expect(version.answers.organizationModes).toEqual(['cross_region', { value: 'other', other: '军民协同创新' }])
})
