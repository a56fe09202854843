/**
 * Unit ids are scoped to the bureau an account serves: a Hangzhou campaign that reuses the id
 * `liangjiang` reaches Hangzhou's `liangjiang` account, never Chongqing's, whose account keeps
 * seeing its own campaigns only (lists, demands, threads).
 */
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

let s: TestServer
const who: Record<string, SignedIn> = {}

const { call, json } = requestsAs(() => s.app)

let hzCampaign: string
let demand: string

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  for (const account of ['bureau-hz', 'ent-zhixin', 'rec-liangjiang', 'rec-hz-liangjiang']) who[account] = await signInH5(s.app, account)
  await json(who['ent-zhixin'], 'PUT', '/api/profile', DEMO_PROFILES['ent-zhixin'])
  // Hangzhou publishes a campaign shaped like Chongqing's, with the same unit ids
  const cq = JSON.parse(fs.readFileSync(path.join(__dirname, '../../campaigns/cq-2026-key-areas.json'), 'utf8'))
  const draft = await json(who['bureau-hz'], 'POST', '/api/studio/campaigns', { from: 'json', definition: { ...cq, id: 'hz-reuses-ids', issuer: '杭州市科学技术局' } })
  await json(who['bureau-hz'], 'POST', `/api/studio/campaigns/${draft.id}/publish`)
  hzCampaign = draft.id
  const d = await json(who['ent-zhixin'], 'POST', `/api/campaigns/${hzCampaign}/demands`)
  const saved = await json(who['ent-zhixin'], 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: completeAnswers(CQ), currentStep: 'basic' })
  await json(who['ent-zhixin'], 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.version })
  demand = d.id
}, 120_000)
afterAll(() => s?.close())

it('shows the Hangzhou campaign and its demand to Hangzhou’s liangjiang, not to Chongqing’s', async () => {
  const campaigns = async (as: SignedIn) => (await json(as, 'GET', '/api/recommend/campaigns')).campaigns.map((c: { campaign: { id: string } }) => c.campaign.id)
  expect(await campaigns(who['rec-hz-liangjiang'])).toEqual([hzCampaign])
  expect(await campaigns(who['rec-liangjiang'])).toEqual(expect.arrayContaining([CQ]))
  expect(await campaigns(who['rec-liangjiang'])).not.toContain(hzCampaign)

  expect((await call(who['rec-hz-liangjiang'], 'GET', `/api/recommend/demands/${demand}`)).statusCode).toBe(200)
  for (const url of [`/api/recommend/demands/${demand}`, `/api/demands/${demand}/thread`, `/api/recommend/campaigns/${hzCampaign}/demands`]) {
    expect((await call(who['rec-liangjiang'], 'GET', url)).statusCode).toBe(404)
  }
})

it('sends the enterprise’s thread message to Hangzhou’s unit only', async () => {
  await json(who['ent-zhixin'], 'POST', `/api/demands/${demand}/thread`, { body: '请问何时评审？' })
  const unread = async (as: SignedIn) => (await json(as, 'GET', '/api/messages?limit=50')).messages.filter((m: { demandId: string }) => m.demandId === demand).length
  expect(await unread(who['rec-hz-liangjiang'])).toBe(1)
  expect(await unread(who['rec-liangjiang'])).toBe(0)
})
