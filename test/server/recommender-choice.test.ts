/**
 * A campaign whose recommending units serve districts (`byRegion`): a submission choosing a unit
 * that does not serve the applicant's registered district (the credit code's 3rd–8th
 * characters) is refused with the field named, and nothing is submitted.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { CampaignDefinition } from '../../types/campaign'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'

let s: TestServer
let bureau: SignedIn
let ent: SignedIn
let campaign: string

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  s.app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(payload ? { payload } : {}) })

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  bureau = await signInH5(s.app, 'bureau-cq')
  ent = await signInH5(s.app, 'ent-zhixin') // 91500108…: registered in 南岸区 (500108)
  await call(ent, 'PUT', '/api/profile', DEMO_PROFILES['ent-zhixin'])
  const def: CampaignDefinition = JSON.parse(fs.readFileSync(path.join(__dirname, '../../campaigns/cq-2026-key-areas.json'), 'utf8'))
  def.id = 'cq-by-district'
  def.steps.flatMap((st) => st.fields).forEach((f) => f.kind === 'recommender' && (f.byRegion = true))
  def.recommenders.units.find((u) => u.id === 'liangjiang')!.regions = ['500112', '500105']
  const draft = (await call(bureau, 'POST', '/api/studio/campaigns', { from: 'json', definition: def })).json()
  expect((await call(bureau, 'POST', `/api/studio/campaigns/${draft.id}/publish`)).statusCode).toBe(200)
  campaign = draft.id
}, 120_000)
afterAll(() => s?.close())

async function submitChoosing(unit: string) {
  const d = (await call(ent, 'POST', `/api/campaigns/${campaign}/demands`)).json()
  const saved = await call(ent, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: { ...completeAnswers('cq-2026-key-areas'), recommender: unit }, currentStep: 'basic' })
  expect(saved.statusCode).toBe(200)
  return { id: d.id, res: await call(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.json().version }) }
}

it('refuses 两江新区 (渝北、江北 only) to an enterprise registered in 南岸区, submitting nothing', async () => {
  const { id, res } = await submitChoosing('liangjiang')
  expect(res.statusCode).toBe(400)
  expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'recommender', code: 'INVALID_CHOICE', message: expect.stringContaining('注册地') }] })
  expect((await call(ent, 'GET', `/api/demands/${id}`)).json()).toMatchObject({ status: 'draft', submittedVersion: null })
})

it('accepts a unit that serves every district', async () => {
  const { res } = await submitChoosing('city-jxw')
  expect([res.statusCode, res.json().status]).toEqual([200, 'submitted'])
})
