/**
 * Deadline reminders and status pushes end to end: the real server with its job workers
 * (pg-boss on PGlite, or on PostgreSQL with TEST_DATABASE_URL), the fake WeChat server, and
 * the clock moved through the Chongqing campaign (enterprise deadline 2025-07-20, recommender
 * deadline 2025-07-25; both inclusive, Asia/Shanghai).
 */
import { APP_PATHS, notify } from '../../server/messages'
import type { Demand } from '../../types/domain'
import { startTestServer, type TestServer } from '../support/app'
import { waitFor, settled } from '../support/reminders'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { reminderData } from './integrations/harness'
import { CQ } from '../support/campaigns'

const at = (iso: string) => Date.parse(iso)
let s: TestServer
let entA: SignedIn // 重庆智芯微电子: phone linked, consents given
let entB: SignedIn // 重庆山城生物医药: no phone linked
let rec: SignedIn // 两江新区
let bureau: SignedIn
let draftA: Demand
let draftB: Demand
let submittedA: string
let submittedB: string

const call = (who: SignedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  s.app.inject({
    method,
    url,
    headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {},
    ...(payload === undefined ? {} : { payload: payload as object })
  })
const ok = async <T = any>(who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<T> => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await call(who, method, url, payload)
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as T
}

const profile = (name: string, creditCode: string, unitType: string) => ({ enterpriseName: name, creditCode, contactName: '张明', mobile: '13800138000', unitType })

async function draft(who: SignedIn, demandName: string): Promise<Demand> {
  const d = await ok<Demand>(who, 'POST', `/api/campaigns/${CQ}/demands`)
  await ok(who, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: { classified: false, demandName }, currentStep: d.currentStep })
  return d
}

/** A unit's and the bureau's sessions last a day: sign everyone in again when the clock has moved on that far. */
let signedInAt = 0
async function signInAll() {
  entA = await signInH5(s.app, 'ent-zhixin')
  entB = await signInH5(s.app, 'ent-shancheng')
  rec = await signInH5(s.app, 'rec-liangjiang')
  bureau = await signInH5(s.app, 'bureau-cq')
  signedInAt = s.clock.now
}
async function setClock(iso: string) {
  s.clock.now = at(iso)
  if (s.clock.now - signedInAt > 20 * 3_600_000 || s.clock.now < signedInAt) await signInAll()
}

/** Moves the clock, runs a tick and waits until every run and push it caused is done. */
async function tickAt(iso: string) {
  await setClock(iso)
  await s.jobs!.tick()
  // the tick job itself must have run before "settled" means anything
  await waitFor('the tick', async () => {
    const [r] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s.jobs!.schema}.job WHERE name = 'reminders-tick' AND state IN ('created', 'active', 'retry')`)
    return r.n === 0
  })
  await waitFor('reminders and pushes to settle', () => settled(s.db))
}

const messagesOf = async (who: SignedIn) =>
  (await ok<{ messages: Array<{ kind: string; title: string; body: string; path: string; demandId: string; createdAt: string }> }>(who, 'GET', '/api/messages?limit=50')).messages
/** The deadline reminders in a person's message center (not the notice that a deadline moved). */
const remindersOf = async (who: SignedIn) => (await messagesOf(who)).filter((m) => m.kind === 'reminder_enterprise' || m.kind === 'reminder_recommender')
const wechatTo = (openid: string) => s.wechat.messages.filter((m) => m.touser === openid)

beforeAll(async () => {
  s = await startTestServer({ now: at('2025-07-08T10:00:00+08:00'), jobs: true, demoSeed: false })
  await signInAll()
  await ok(entA, 'PUT', '/api/profile', profile('重庆智芯微电子有限公司', '91500108576231840F', 'enterprise'))
  await ok(entB, 'PUT', '/api/profile', profile('重庆山城生物医药股份有限公司', '91500000MA5U7G3K1E', 'large_enterprise'))
  draftA = await draft(entA, '车规级MCU芯片')
  draftB = await draft(entB, '')

  // A submits a second demand to 两江新区 (not reminded: it is submitted; it waits for the unit)
  const d = await ok<Demand>(entA, 'POST', `/api/campaigns/${CQ}/demands`)
  const saved = await ok(entA, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: completeAnswers(CQ), currentStep: d.currentStep })
  await ok(entA, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.version })
  submittedA = d.id

  // A links WeChat and allows the reminder (long-term) and one status message (one-time)
  await ok(entA, 'POST', '/api/auth/platform-bind', { platform: 'weapp', code: s.wechat.issueCode('o-zhixin') })
  await ok(entA, 'POST', '/api/push/consents', { platform: 'weapp', results: { 'dev-wx-reminder': 'accept', 'dev-wx-status': 'accept' } })
  await ok(rec, 'POST', '/api/auth/platform-bind', { platform: 'weapp', code: s.wechat.issueCode('o-liangjiang') })
  await ok(rec, 'POST', '/api/push/consents', { platform: 'weapp', results: { 'dev-wx-reminder': 'accept' } })
})
afterAll(() => s.close())

describe('deadline reminders', () => {
  it('sends nothing before the first milestone', async () => {
    await tickAt('2025-07-14T07:59:00+08:00')
    expect(await remindersOf(entA)).toEqual([])
    expect(s.wechat.messages).toEqual([])
  })

  it('7 days before (at 08:00, after the quiet night): one message per draft, pushed where allowed', async () => {
    await tickAt('2025-07-14T08:00:30+08:00')
    const a = await remindersOf(entA)
    expect(a).toEqual([
      expect.objectContaining({
        kind: 'reminder_enterprise',
        title: '需求填报截止提醒',
        body: '「2026年度重点领域技术创新需求征集」需求填报将于2025年7月20日 24:00截止，距截止还剩6天15小时。您的需求“车规级MCU芯片”尚未提交，请尽快完善并提交。',
        path: `/packages/demand/pages/wizard/index?id=${draftA.id}`,
        demandId: draftA.id
      })
    ])
    expect(wechatTo('o-zhixin')).toEqual([
      expect.objectContaining({
        template_id: 'dev-wx-reminder',
        page: `packages/demand/pages/wizard/index?id=${draftA.id}`,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        data: reminderData('thing1', 'time2', 'thing3', 'thing4')
      })
    ])
    // B has no phone linked: the message center has it, the push is skipped with a reason
    const b = await remindersOf(entB)
    expect(b).toHaveLength(1)
    expect(b[0].body).toContain('您的需求“未命名需求”尚未提交')
    const [push] = await s.db.query<{ state: string; result_code: string }>(
      `SELECT p.state, p.result_code FROM push_deliveries p JOIN notifications n ON n.id = p.notification_id WHERE n.demand_id = $1`,
      [draftB.id]
    )
    expect(push).toEqual({ state: 'skipped', result_code: 'NO_CONSENT' })
  })

  it('never twice: ticks again and again change nothing', async () => {
    await tickAt('2025-07-14T08:05:00+08:00')
    await tickAt('2025-07-15T12:00:00+08:00')
    expect(await remindersOf(entA)).toHaveLength(1)
    expect(await remindersOf(entB)).toHaveLength(1)
    expect(wechatTo('o-zhixin')).toHaveLength(1)
    const [{ n }] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminder_deliveries`)
    expect(n).toBe(2)
  })

  it('nothing at night: the 3-day reminder waits for 08:00', async () => {
    await tickAt('2025-07-18T00:00:30+08:00')
    await tickAt('2025-07-18T07:59:00+08:00')
    expect(await remindersOf(entA)).toHaveLength(1)
    await tickAt('2025-07-18T08:00:10+08:00')
    expect((await remindersOf(entA))[0].body).toContain('距截止还剩2天15小时')
    expect(wechatTo('o-zhixin')).toHaveLength(2)
  })

  it('lets a person switch a reminder off', async () => {
    const before = await ok<{ settings: Array<{ key: string; enabled: boolean; label: string; group: string }> }>(entA, 'GET', '/api/notification-settings')
    expect(before.settings).toEqual([
      { key: 'reminder:enterprise:7d', group: 'reminder', label: '截止前7天提醒', enabled: true },
      { key: 'reminder:enterprise:3d', group: 'reminder', label: '截止前3天提醒', enabled: true },
      { key: 'reminder:enterprise:1d', group: 'reminder', label: '截止前1天提醒', enabled: true },
      { key: 'reminder:enterprise:2h', group: 'reminder', label: '截止前2小时提醒', enabled: true },
      { key: 'push:status', group: 'push', label: '需求状态变化时推送到手机', enabled: true },
      { key: 'push:thread', group: 'push', label: '收到新留言时推送到手机', enabled: true }
    ])
    const after = await ok(entA, 'PUT', '/api/notification-settings', { settings: { 'reminder:enterprise:1d': false } })
    expect(after.settings.find((x: { key: string }) => x.key === 'reminder:enterprise:1d').enabled).toBe(false)

    await tickAt('2025-07-20T08:00:10+08:00')
    expect(await remindersOf(entA)).toHaveLength(2)
    expect(await remindersOf(entB)).toHaveLength(3)
  })

  it('moves a submitted demand from the enterprise’s reminders to its unit’s undecided list', async () => {
    // B submits its draft to 两江新区 (that no reminder follows it is shown when the next milestones pass, below)
    await setClock('2025-07-20T08:30:00+08:00')
    const saved = await ok(entB, 'PUT', `/api/demands/${draftB.id}/draft`, { baseVersion: 2, answers: completeAnswers(CQ), currentStep: draftB.currentStep })
    expect((await ok(entB, 'POST', `/api/demands/${draftB.id}/submit`, { baseVersion: saved.version })).status).toBe('submitted')
    const inbox = await ok<{ items: Array<{ id: string; status: string }> }>(rec, 'GET', `/api/recommend/campaigns/${CQ}/demands`)
    expect(inbox.items.find((d) => d.id === draftB.id)).toMatchObject({ status: 'submitted' })
    submittedB = draftB.id
  })

  it('refuses unknown settings and wrong values', async () => {
    const unknown = await call(entA, 'PUT', '/api/notification-settings', { settings: { 'reminder:recommender:3d': false } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_SETTING' })
    const wrong = await call(entA, 'PUT', '/api/notification-settings', { settings: { 'push:status': 'no' } })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().code).toBe('BAD_REQUEST')
    expect((await call(null, 'GET', '/api/notification-settings')).statusCode).toBe(401)
  })
})

describe('status changes and the thread', () => {
  it('a return by the unit reaches the phone at once, with its reason in the thread', async () => {
    await setClock('2025-07-20T09:00:00+08:00')
    const before = s.wechat.messages.length
    await ok(rec, 'POST', `/api/recommend/demands/${submittedA}/return`, { reason: '请补充功能安全认证计划' })
    // woken by NOTIFY, not by the minute tick
    const pushed = await waitFor('the status push', async () => s.wechat.messages.slice(before).find((m) => m.template_id === 'dev-wx-status'), 10_000)
    expect(pushed.touser).toBe('o-zhixin')
    expect(pushed.page).toBe(`packages/demand/pages/status/index?id=${submittedA}`)

    const thread = await ok(entA, 'GET', `/api/demands/${submittedA}/thread`)
    expect(thread).toMatchObject({ demandId: submittedA, unread: 1 })
    expect(thread.messages).toEqual([expect.objectContaining({ kind: 'return_reason', body: '请补充功能安全认证计划', authorRole: 'recommender', mine: false })])
  })

  it('the one-time consent is used up: the next status change stays in the message center', async () => {
    await waitFor('pushes to settle', () => settled(s.db))
    await setClock('2025-07-20T09:01:00+08:00')
    const userA = (await ok(entA, 'GET', '/api/auth/me')).user.id
    const before = s.wechat.messages.length
    // what the recommending workflow does on a status change, with notify() in its transaction
    const id = await s.db.transaction((tx) =>
      notify(tx, { userId: userA, kind: 'status_reviewing', title: '需求审核中', body: '推荐单位已开始审核', path: APP_PATHS.demandStatus(submittedA), demandId: submittedA }, s.clock.now)
    )
    const push = await waitFor('the push to be decided', async () => {
      const [p] = await s.db.query<{ state: string; result_code: string }>('SELECT state, result_code FROM push_deliveries WHERE notification_id = $1', [id])
      return ['pending', 'claimed', 'sending'].includes(p.state) ? null : p
    }, 10_000)
    expect(push).toEqual({ state: 'skipped', result_code: 'NO_CONSENT' })
    expect(s.wechat.messages.length).toBe(before)
    expect((await ok(entA, 'GET', '/api/messages')).messages[0]).toMatchObject({ id, title: '需求审核中', read: false })
  })

  it('a question in the thread notifies the unit; reading it marks it read on both sides and clears the badge', async () => {
    await setClock('2025-07-20T09:05:00+08:00')
    const unreadBefore = (await ok(entA, 'GET', '/api/messages/unread-count')).unread
    expect(unreadBefore).toBeGreaterThan(0)
    const posted = await call(entA, 'POST', `/api/demands/${submittedA}/thread`, { body: '  认证计划需要附在哪一步？  ' })
    expect(posted.statusCode).toBe(201)
    expect(posted.json()).toMatchObject({ body: '认证计划需要附在哪一步？', mine: true, readByOthers: false })

    const recMessages = await ok(rec, 'GET', '/api/messages')
    expect(recMessages.messages[0]).toMatchObject({ kind: 'thread_message', path: `/packages/demand/pages/thread/index?id=${submittedA}`, read: false })
    const recThread = await ok(rec, 'GET', `/api/demands/${submittedA}/thread`)
    expect(recThread.unread).toBe(1)
    expect((await ok(rec, 'POST', `/api/demands/${submittedA}/thread/read`)).unread).toBe(recMessages.unread - 1)

    const mine = await ok(entA, 'GET', `/api/demands/${submittedA}/thread`)
    expect(mine.messages.map((m: { body: string; readByOthers: boolean; mine: boolean }) => [m.body, m.mine, m.readByOthers])).toEqual([
      ['请补充功能安全认证计划', false, true],
      ['认证计划需要附在哪一步？', true, true]
    ])
    // A reads the thread: the two status messages about this demand (returned, reviewing) are read too
    const { unread } = await ok(entA, 'POST', `/api/demands/${submittedA}/thread/read`)
    expect(unread).toBe(unreadBefore - 2)
    expect((await ok(entA, 'GET', `/api/demands/${submittedA}/thread`)).unread).toBe(0)
  })

  it('keeps the thread to its two sides and refuses bad input', async () => {
    expect((await call(entB, 'GET', `/api/demands/${submittedA}/thread`)).statusCode).toBe(404)
    const other = await signInH5(s.app, 'rec-jingxinwei')
    expect((await call(other, 'POST', `/api/demands/${submittedA}/thread`, { body: '你好' })).statusCode).toBe(404)
    const blank = await call(entA, 'POST', `/api/demands/${submittedA}/thread`, { body: '   ' })
    expect(blank.json()).toMatchObject({ code: 'MESSAGE_EMPTY' })
    for (const n of [1001, 5000]) {
      const long = await call(entA, 'POST', `/api/demands/${submittedA}/thread`, { body: '长'.repeat(n) })
      expect(long.json()).toMatchObject({ code: 'MESSAGE_TOO_LONG', message: '留言不能超过1000字' })
    }
    expect((await call(entA, 'POST', `/api/demands/not-a-uuid/thread`, { body: 'x' })).statusCode).toBe(400)
    expect((await call(entA, 'POST', `/api/demands/${submittedA}/thread`, { text: 'x' })).statusCode).toBe(400)
    // a draft never submitted has no unit to talk to
    const early = await call(entA, 'POST', `/api/demands/${draftA.id}/thread`, { body: '请问附件放哪一步？' })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ code: 'NO_RECOMMENDER', message: '需求提交后才能与所选推荐单位留言沟通' })
    expect((await ok(entA, 'GET', `/api/demands/${draftA.id}/thread`)).messages).toEqual([])
  })
})

describe('a deadline moved by the bureau', () => {
  it('is for the bureau only, with clear errors for bad dates', async () => {
    expect((await call(entA, 'PUT', `/api/campaigns/${CQ}/deadlines`, { enterprise: '2025-07-27' })).statusCode).toBe(403)
    expect((await call(rec, 'GET', `/api/campaigns/${CQ}/reminders`)).statusCode).toBe(403)
    expect((await call(bureau, 'PUT', `/api/campaigns/no-such/deadlines`, { enterprise: '2025-07-27' })).statusCode).toBe(404)
    const empty = await call(bureau, 'PUT', `/api/campaigns/${CQ}/deadlines`, {})
    expect(empty.statusCode).toBe(400)
    const bad = await call(bureau, 'PUT', `/api/campaigns/${CQ}/deadlines`, { enterprise: '2025-02-30' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'INVALID_DEADLINE', fields: [{ field: 'enterprise', message: '应为日期 YYYY-MM-DD' }] })
    const after = await call(bureau, 'PUT', `/api/campaigns/${CQ}/deadlines`, { enterprise: '2025-07-30' })
    expect(after.json()).toMatchObject({ code: 'INVALID_DEADLINE', fields: [{ field: 'recommender', message: '推荐截止日期不能早于填报截止日期' }] })
    const past = await call(bureau, 'PUT', `/api/campaigns/${CQ}/deadlines`, { enterprise: '2025-07-19' })
    expect(past.json()).toMatchObject({ code: 'DEADLINE_IN_PAST' })
  })

  it('reschedules what has not gone yet, and who had a milestone does not get it again', async () => {
    await setClock('2025-07-20T10:00:00+08:00')
    const schedule = await ok(bureau, 'PUT', `/api/campaigns/${CQ}/deadlines`, { enterprise: '2025-07-27', recommender: '2025-08-01', reason: '应企业要求延期一周' })
    expect(schedule.milestones.map((m: { offset: string; audience: string; fireAt: string; state: string; delivered: number }) => [m.audience, m.offset, m.fireAt, m.state, m.delivered])).toEqual([
      ['enterprise', '7d', '2025-07-21T00:00:00.000Z', 'planned', 2],
      ['enterprise', '3d', '2025-07-25T00:00:00.000Z', 'planned', 2],
      ['enterprise', '1d', '2025-07-27T00:00:00.000Z', 'planned', 1],
      ['enterprise', '2h', '2025-07-27T14:00:00.000Z', 'planned', 0],
      ['recommender', '3d', '2025-07-30T00:00:00.000Z', 'planned', 0],
      ['recommender', '1d', '2025-08-01T00:00:00.000Z', 'planned', 0]
    ])
    expect((await ok(entA, 'GET', `/api/campaigns/${CQ}`)).enterpriseDeadlineAt).toBe('2025-07-27T16:00:00.000Z')
    // the enterprises still filing are told at once, in their message center
    for (const who of [entA, entB]) {
      expect((await messagesOf(who)).filter((m) => m.kind === 'reminder_deadline_changed')).toEqual([
        expect.objectContaining({ body: '企业填报截止时间由 2025年7月20日 24:00 调整为 2025年7月27日 24:00。应企业要求延期一周', path: `/pages/campaign/index?id=${CQ}` })
      ])
    }
    expect((await messagesOf(rec)).filter((m) => m.kind === 'reminder_deadline_changed')).toEqual([])

    // the old 2-hour reminder (07-20 22:00) does not go
    await tickAt('2025-07-20T22:00:10+08:00')
    expect(await remindersOf(entA)).toHaveLength(2)

    // a draft started after the first reminders gets the 7-day one of the new deadline
    const late = await draft(entB, '新型疫苗佐剂')
    await tickAt('2025-07-21T08:00:10+08:00')
    expect((await remindersOf(entB)).filter((m) => m.demandId === late.id)).toEqual([
      expect.objectContaining({ body: expect.stringContaining('将于2025年7月27日 24:00截止，距截止还剩6天15小时') })
    ])
    // nor does the old first recommender reminder (07-23 08:00)
    await tickAt('2025-07-23T08:00:10+08:00')
    expect(await remindersOf(rec)).toEqual([])

    // the demand returned on 07-20 and not resubmitted had its first reminder on 07-21 (7 days) too;
    // 2 hours before the new deadline: the draft and the returned demand
    await tickAt('2025-07-27T22:00:10+08:00')
    const a = await remindersOf(entA)
    // newest first; the two of 22:00 in either order
    expect(a.map((m) => m.createdAt)).toEqual([
      '2025-07-27T14:00:10.000Z',
      '2025-07-27T14:00:10.000Z',
      '2025-07-21T00:00:10.000Z',
      '2025-07-18T00:00:10.000Z',
      '2025-07-14T00:00:30.000Z'
    ])
    expect(a.map((m) => `${m.demandId === draftA.id ? 'draft' : 'returned'} ${m.createdAt.slice(0, 10)}`).sort()).toEqual([
      'draft 2025-07-14',
      'draft 2025-07-18',
      'draft 2025-07-27',
      'returned 2025-07-21',
      'returned 2025-07-27'
    ])
    expect(a.slice(0, 2).map((m) => m.body).sort()).toEqual([
      '「2026年度重点领域技术创新需求征集」需求填报将于2025年7月27日 24:00截止，距截止还剩1小时59分钟。您的需求“车规级MCU芯片”尚未提交，请尽快完善并提交。',
      expect.stringContaining('已退回修改，尚未重新提交，请修改后重新提交。')
    ])
    expect((await remindersOf(entB)).filter((m) => m.demandId === submittedB)).toHaveLength(3)

    const [change] = await s.db.query('SELECT enterprise, recommender, previous_enterprise, reason FROM campaign_deadline_changes')
    expect(change).toEqual({ enterprise: '2025-07-27', recommender: '2025-08-01', previous_enterprise: '2025-07-20', reason: '应企业要求延期一周' })
  })

  it('reminds the recommending unit of the demands it has not decided', async () => {
    await tickAt('2025-07-30T08:00:10+08:00')
    expect(await remindersOf(rec)).toEqual([
      expect.objectContaining({
        kind: 'reminder_recommender',
        title: '推荐截止提醒',
        body: '「2026年度重点领域技术创新需求征集」推荐工作将于2025年8月1日 24:00截止，距截止还剩2天15小时。本单位还有1项需求尚未作出推荐决定，请及时处理。',
        path: `/packages/recommend/pages/inbox/index?campaignId=${CQ}`
      })
    ])
    expect(wechatTo('o-liangjiang')).toEqual([expect.objectContaining({ data: expect.objectContaining({ thing4: { value: '1项需求待作出推荐决定' } }) })])
  })

  it('shows the bureau what went', async () => {
    const schedule = await ok(bureau, 'GET', `/api/campaigns/${CQ}/reminders`)
    expect(schedule.milestones.map((m: { offset: string; state: string }) => `${m.offset}:${m.state}`)).toEqual([
      '7d:sent', '3d:skipped', '1d:skipped', '2h:sent', '3d:sent', '1d:planned'
    ])
  })
})

describe('the message center', () => {
  it('lists newest first in pages, each message linking to its page', async () => {
    const first = await ok(entB, 'GET', '/api/messages?limit=2')
    expect(first.messages).toHaveLength(2)
    expect(first.nextBefore).toBe(first.messages[1].id)
    const second = await ok(entB, 'GET', `/api/messages?limit=2&before=${first.nextBefore}`)
    expect(second.messages[0].createdAt <= first.messages[1].createdAt).toBe(true)
    expect(second.messages.map((m: { id: string }) => m.id)).not.toContain(first.messages[0].id)
    const all = await ok(entB, 'GET', '/api/messages?limit=50')
    expect(all.unread).toBe(all.messages.length)
  })

  it('marks one and all read, and answers 404 for someone else’s message', async () => {
    const { messages, unread } = await ok(entB, 'GET', '/api/messages')
    expect((await ok(entB, 'POST', `/api/messages/${messages[0].id}/read`)).unread).toBe(unread - 1)
    expect((await ok(entB, 'POST', `/api/messages/${messages[0].id}/read`)).unread).toBe(unread - 1)
    expect((await call(entA, 'POST', `/api/messages/${messages[1].id}/read`)).statusCode).toBe(404)
    expect((await ok(entB, 'POST', '/api/messages/read-all')).unread).toBe(0)
    expect((await ok(entB, 'GET', '/api/messages/unread-count')).unread).toBe(0)
  })

  it('refuses bad paging and anonymous callers', async () => {
    expect((await call(entB, 'GET', '/api/messages?limit=500')).statusCode).toBe(400)
    expect((await call(entB, 'GET', '/api/messages?before=x')).statusCode).toBe(400)
    expect((await call(null, 'GET', '/api/messages')).statusCode).toBe(401)
    expect((await call(entB, 'POST', '/api/messages/not-a-uuid/read')).statusCode).toBe(400)
  })
})

describe('subscription consents', () => {
  it('lists the templates to ask for and what was given', async () => {
    const t = await ok(entA, 'GET', '/api/push/templates?platform=weapp')
    expect(t).toEqual({
      platform: 'weapp',
      bound: true,
      templates: [
        { id: 'dev-wx-reminder', purpose: 'reminder', longTerm: true, subscribed: true, oneTimeGrants: 0, lastResult: 'accept' },
        { id: 'dev-wx-status', purpose: 'status', longTerm: false, subscribed: false, oneTimeGrants: 0, lastResult: 'accept' }
      ]
    })
    expect((await ok(entB, 'GET', '/api/push/templates?platform=alipay')).bound).toBe(false)
  })

  it('adds one-time grants per accept, ends a long-term consent on reject, ignores unknown ids', async () => {
    await ok(entA, 'POST', '/api/push/consents', { platform: 'weapp', results: { 'dev-wx-status': 'accept' } })
    const r = await ok(entA, 'POST', '/api/push/consents', { platform: 'weapp', results: { 'dev-wx-status': 'accept', 'dev-wx-reminder': 'reject', other: 'accept' } })
    expect(r.ignored).toEqual(['other'])
    expect(r.templates).toEqual([
      expect.objectContaining({ id: 'dev-wx-reminder', subscribed: false, lastResult: 'reject' }),
      expect.objectContaining({ id: 'dev-wx-status', oneTimeGrants: 2, lastResult: 'accept' })
    ])
  })

  it('refuses a bad answer or platform', async () => {
    expect((await call(entA, 'POST', '/api/push/consents', { platform: 'weapp', results: { x: 'maybe' } })).statusCode).toBe(400)
    expect((await call(entA, 'POST', '/api/push/consents', { platform: 'qq', results: { x: 'accept' } })).statusCode).toBe(400)
    expect((await call(entA, 'POST', '/api/push/consents', { platform: 'weapp', results: {} })).statusCode).toBe(400)
    expect((await call(entA, 'GET', '/api/push/templates')).statusCode).toBe(400)
  })
})
