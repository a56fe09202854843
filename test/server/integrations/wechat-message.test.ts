/**
 * WeChat subscription messages against the fake WeChat server (platform-apis.md §2, §3):
 * the access token kept in the database and shared by processes, refreshed before expiry and
 * once on 40001/42001; refusal (43101); template value limits.
 */
import type { Db } from '../../../server/db'
import { createWechatFakeState, wechatFake, type WechatFakeConfig, type WechatFakeState } from '../../../server/integrations/fakes/wechat-fake'
import { startFake, type RunningFake } from '../../../server/integrations/fakes/serve'
import { truncate, wechatValue, type PushMessage, type PushTemplate } from '../../../server/integrations/push'
import { createWechatSender, createWechatTokenStore, type AccessTokenStore } from '../../../server/integrations/wechat-message'
import { openTestDb } from '../../support/db'
import { freePort } from '../../support/ports'
import { reminderData, reminderMessage } from './harness'

const cfg = { appId: 'wx-msg-app', secret: 'wx-msg-secret', apiBase: '' }
const reminder: PushTemplate = {
  id: 'tmpl-reminder',
  longTerm: true,
  keywords: { campaign: 'thing1', deadline: 'time2', left: 'thing3', note: 'thing4' }
}
const status: PushTemplate = { id: 'tmpl-status', longTerm: false, keywords: { demand: 'thing1', status: 'phrase2', time: 'date3' } }

let db: Db
let fake: RunningFake
let state: WechatFakeState
let clock = Date.parse('2025-07-14T08:00:00+08:00')
const now = () => clock
let tokenName = 0

const message = reminderMessage('o-user-1', reminder)

/** A store and sender on a fresh app id (each test its own token row), as one server process has them. */
function processFor(appId: string): { store: AccessTokenStore; send: (m?: Partial<PushMessage>) => ReturnType<ReturnType<typeof createWechatSender>['send']> } {
  const c = { ...cfg, appId, apiBase: fake.url }
  const store = createWechatTokenStore(db, c, { now, memoMs: 0 })
  const sender = createWechatSender(c, store, { miniprogramState: 'developer' })
  return { store, send: (m) => sender.send(message(m)) }
}

async function freshApp(extra: Partial<WechatFakeConfig> = {}) {
  await fake?.close()
  const appId = `wx-msg-${++tokenName}`
  state = createWechatFakeState({
    appId,
    secret: cfg.secret,
    now,
    templates: { [reminder.id]: { longTerm: true }, [status.id]: { longTerm: false } },
    ...extra
  })
  fake = await startFake(wechatFake, { state })
  return appId
}

beforeAll(async () => {
  db = await openTestDb()
})
afterAll(async () => {
  await fake?.close()
  await db.close()
})

describe('the access token', () => {
  it('is fetched once and shared through the database by every process', async () => {
    const appId = await freshApp()
    const one = processFor(appId)
    const two = processFor(appId)
    expect(await one.send()).toEqual({ ok: true, platformCode: '0' })
    expect(await two.send()).toEqual({ ok: true, platformCode: '0' })
    expect(await one.send()).toEqual({ ok: true, platformCode: '0' })
    expect(state.counts).toEqual({ token: 1, send: 3 })
    const [row] = await db.query<{ expires_at: Date }>('SELECT expires_at FROM platform_tokens WHERE name = $1', [`wechat:${appId}`])
    expect(row.expires_at.getTime()).toBe(clock + 7200_000)
  })

  it('is refreshed before it expires (5 minutes ahead)', async () => {
    const appId = await freshApp()
    const p = processFor(appId)
    await p.send()
    const first = await p.store.get()
    clock += 7200_000 - 5 * 60_000 - 1
    expect(await p.store.get()).toBe(first)
    clock += 2
    const second = await p.store.get()
    expect(second).not.toBe(first)
    expect(await p.send()).toMatchObject({ ok: true })
    expect(state.counts.token).toBe(2)
  })

  it.each([
    ['42001 access_token expired', (s: WechatFakeState) => s.expireTokens()],
    ['40001 invalid credential', (s: WechatFakeState) => s.invalidateTokens()]
  ])('on %s: refreshes once and sends again', async (_name, spoil) => {
    const appId = await freshApp()
    const p = processFor(appId)
    await p.send()
    spoil(state)
    expect(await p.send()).toEqual({ ok: true, platformCode: '0' })
    expect(state.counts).toEqual({ token: 2, send: 3 })
    expect(state.messages).toHaveLength(2)
  })

  it('gives up after one refresh when the token is refused again', async () => {
    const appId = await freshApp()
    const p = processFor(appId)
    await p.send()
    state.failNextSend(40001, 'invalid credential')
    state.failNextSend(40001, 'invalid credential')
    expect(await p.send()).toEqual({ ok: false, code: 'TOKEN_INVALID', platformCode: '40001', message: 'invalid credential', retryable: false })
    expect(state.counts).toEqual({ token: 2, send: 3 })
  })

  it('two processes finding it invalid at once fetch one new token, not two', async () => {
    const appId = await freshApp()
    const [a, b] = [processFor(appId), processFor(appId)]
    const stale = await a.store.get()
    const [ta, tb] = await Promise.all([a.store.refresh(stale), b.store.refresh(stale)])
    expect(ta).toBe(tb)
    expect(ta).not.toBe(stale)
    expect(state.counts.token).toBe(2)
  })

  it('reports a wrong secret as configuration, and an unreachable server as retryable', async () => {
    const appId = await freshApp()
    const wrong = createWechatSender({ ...cfg, appId, secret: 'nope', apiBase: fake.url }, createWechatTokenStore(db, { ...cfg, appId, secret: 'nope', apiBase: fake.url }, { now }), {
      miniprogramState: 'formal'
    })
    expect(await wrong.send(message())).toMatchObject({ ok: false, code: 'CONFIG', platformCode: 'token-40001' })
    const nowhere = { ...cfg, appId: 'wx-closed', apiBase: `http://127.0.0.1:${await freePort()}` }
    const closed = createWechatSender(nowhere, createWechatTokenStore(db, nowhere), { miniprogramState: 'formal' })
    expect(await closed.send(message())).toMatchObject({ ok: false, code: 'UNAVAILABLE', retryable: true })
  })
})

describe('subscribeMessage.send', () => {
  it('sends the documented body: page without the leading slash, both state and language', async () => {
    const p = processFor(await freshApp())
    await p.send()
    expect(state.messages[0]).toMatchObject({
      touser: 'o-user-1',
      template_id: 'tmpl-reminder',
      page: 'packages/demand/pages/wizard/index?id=42',
      miniprogram_state: 'developer',
      lang: 'zh_CN',
      data: reminderData('thing1', 'time2', 'thing3', 'thing4')
    })
  })

  it('keeps thing values within 20 characters, cutting with an ellipsis', async () => {
    const p = processFor(await freshApp())
    const long = '重庆市2026年度重点领域关键核心技术攻关技术创新需求征集'
    expect(await p.send({ values: { ...message().values, campaign: long } })).toMatchObject({ ok: true })
    const value = state.messages[0].data.thing1.value
    expect(Array.from(value)).toHaveLength(20)
    expect(value).toBe(Array.from(long).slice(0, 19).join('') + '…')
  })

  it('formats each keyword type within its rules', () => {
    expect(wechatValue('phrase2', '已退回修改（请看原因）')).toBe('已退回修改')
    expect(wechatValue('date3', '2025-07-20T15:59:00.000Z')).toBe('2025年7月20日')
    expect(wechatValue('time5', '2025-07-19T16:05:00.000Z')).toBe('2025年7月20日 00:05')
    expect(wechatValue('character_string9', 'ab 中文 cd')).toBe('abcd')
    expect(wechatValue('thing1', '第一行\n第二行')).toBe('第一行 第二行')
    expect(truncate('𠮷'.repeat(25), 20)).toBe('𠮷'.repeat(19) + '…')
  })

  it('a person who refused (or whose one-time consent is used up) gets 43101, recorded as REFUSED', async () => {
    const p = processFor(await freshApp({ requireConsent: true }))
    const statusMessage = { template: status, values: { demand: '车规级MCU芯片', status: '已退回修改', time: '2025-07-20T01:00:00.000Z' } }
    expect(await p.send(statusMessage)).toEqual({ ok: false, code: 'REFUSED', platformCode: '43101', message: 'user refuse to accept the msg', retryable: false })
    state.grant('o-user-1', status.id)
    expect(await p.send(statusMessage)).toMatchObject({ ok: true })
    expect(await p.send(statusMessage)).toMatchObject({ ok: false, code: 'REFUSED' })
    expect(state.messages[0].data).toEqual({ thing1: { value: '车规级MCU芯片' }, phrase2: { value: '已退回修改' }, date3: { value: '2025年7月20日' } })
  })

  it('maps the documented errors: 47003 bad data, 40037 template, 40003 user, -1 busy (retryable)', async () => {
    const p = processFor(await freshApp())
    // a template whose keyword types do not fit what is sent (time3 cannot hold "6天15小时")
    const wrongTypes = { ...reminder, keywords: { ...reminder.keywords, left: 'time3' } }
    expect(await p.send({ template: wrongTypes })).toMatchObject({ ok: false, code: 'INVALID_DATA', platformCode: '47003', message: 'argument invalid! data.time3.value invalid' })
    expect(await p.send({ template: { ...reminder, id: 'tmpl-unknown' } })).toMatchObject({ ok: false, code: 'INVALID_TEMPLATE', platformCode: '40037' })
    expect(await p.send({ toUser: '' })).toMatchObject({ ok: false, code: 'INVALID_USER', platformCode: '40003' })
    state.failNextSend(-1, 'system error')
    expect(await p.send()).toMatchObject({ ok: false, code: 'UNAVAILABLE', platformCode: '-1', retryable: true })
    state.failNextSend(45009, 'reach max api daily quota limit')
    expect(await p.send()).toMatchObject({ ok: false, code: 'RATE_LIMITED', retryable: false })
    expect(await p.send({ template: { ...reminder, id: '' } })).toMatchObject({ ok: false, code: 'CONFIG' })
  })
})
