/**
 * The bureau in a demand's thread: the bureau that issues the campaign reads and writes in the
 * thread of a submitted demand, like the unit the demand chose; another bureau gets 404, as
 * does every bureau before the demand is submitted. A message tells the other sides: the
 * bureau's tells the enterprise and the unit; the enterprise's tells the unit and the bureau
 * accounts that have written in the thread, never the author's own side.
 */
import type { Thread } from '../../types/messages'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

let s: TestServer
const who: Record<string, SignedIn> = {}

const { call, json } = requestsAs(() => s.app)
/** The message-center messages of one demand's thread for a person. */
const threadNotices = async (as: SignedIn, demand: string): Promise<Array<{ title: string; body: string; path: string }>> =>
  (await json(as, 'GET', '/api/messages?limit=50')).messages.filter((m: { demandId: string; kind: string }) => m.demandId === demand && m.kind === 'thread_message')

let submitted: string
let draft: string

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  for (const account of ['ent-zhixin', 'rec-liangjiang', 'bureau-cq', 'bureau-hz']) who[account] = await signInH5(s.app, account)
  await json(who['ent-zhixin'], 'PUT', '/api/profile', DEMO_PROFILES['ent-zhixin'])
  const d = await json(who['ent-zhixin'], 'POST', `/api/campaigns/${CQ}/demands`)
  const saved = await json(who['ent-zhixin'], 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: completeAnswers(CQ), currentStep: 'basic' })
  await json(who['ent-zhixin'], 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.version })
  submitted = d.id
  draft = (await json(who['ent-zhixin'], 'POST', `/api/campaigns/${CQ}/demands`)).id
}, 120_000)
afterAll(() => s?.close())

it('lets the issuing bureau read the thread of a submitted demand; another bureau, and any bureau before submission, get 404', async () => {
  expect((await call(who['bureau-cq'], 'GET', `/api/demands/${submitted}/thread`)).statusCode).toBe(200)
  expect((await call(who['bureau-cq'], 'POST', `/api/demands/${submitted}/thread/read`)).statusCode).toBe(200)
  for (const [as, id] of [
    ['bureau-hz', submitted],
    ['bureau-cq', draft],
    ['bureau-hz', draft]
  ] as const) {
    for (const [method, url, body] of [
      ['GET', `/api/demands/${id}/thread`, undefined],
      ['POST', `/api/demands/${id}/thread`, { body: '请补充说明' }],
      ['POST', `/api/demands/${id}/thread/read`, undefined]
    ] as const) {
      const res = await call(who[as], method, url, body)
      expect({ as, id, method, url, status: res.statusCode, code: res.json().code }).toEqual({ as, id, method, url, status: 404, code: 'NOT_FOUND' })
    }
  }
})

it('posts the bureau’s message for the enterprise and the unit to read, and tells both', async () => {
  const posted = await json(who['bureau-cq'], 'POST', `/api/demands/${submitted}/thread`, { body: '请说明与川渝协同的具体分工。' })
  expect(posted).toMatchObject({ authorRole: 'bureau', mine: true, kind: 'message', body: '请说明与川渝协同的具体分工。' })

  for (const account of ['ent-zhixin', 'rec-liangjiang']) {
    const thread: Thread = await json(who[account], 'GET', `/api/demands/${submitted}/thread`)
    expect(thread.messages.map((m) => [m.authorRole, m.body, m.mine])).toContainEqual(['bureau', '请说明与川渝协同的具体分工。', false])
    const notices = await threadNotices(who[account], submitted)
    expect(notices).toHaveLength(1)
    expect(notices[0].body).toContain('请说明与川渝协同的具体分工。')
    expect(notices[0].path).toBe(`/packages/demand/pages/thread/index?id=${submitted}`)
  }
  expect(await threadNotices(who['bureau-cq'], submitted)).toHaveLength(0)
  expect(await threadNotices(who['bureau-hz'], submitted)).toHaveLength(0)
})

it('tells the bureau that has written of the enterprise’s answer, and the unit of the bureau’s, never the author’s own side', async () => {
  s.clock.now += 60_000
  await json(who['ent-zhixin'], 'POST', `/api/demands/${submitted}/thread`, { body: '由我方负责芯片设计，合作方负责封装测试。' })
  expect((await threadNotices(who['bureau-cq'], submitted)).map((n) => n.body)).toEqual([expect.stringContaining('由我方负责芯片设计')])
  expect(await threadNotices(who['ent-zhixin'], submitted)).toHaveLength(1) // only the bureau's earlier one
  expect(await threadNotices(who['rec-liangjiang'], submitted)).toHaveLength(2)

  const thread: Thread = await json(who['bureau-cq'], 'GET', `/api/demands/${submitted}/thread`)
  expect(thread.messages.map((m) => [m.authorRole, m.mine])).toEqual([
    ['bureau', true],
    ['enterprise', false]
  ])
  expect(thread.unread).toBe(1)
})
