/**
 * The push drain against the fake WeChat server with consents checked as WeChat does:
 * which channel, consents used up and given back, refusals, retries, opt-outs, and what a
 * killed process leaves behind.
 */
import { loadConfig, type Config } from '../../server/config'
import type { Db } from '../../server/db'
import { createWechatFakeState, wechatFake, type WechatFakeState } from '../../server/integrations/fakes/wechat-fake'
import { startFake, type RunningFake } from '../../server/integrations/fakes/serve'
import { createWechatSender, createWechatTokenStore } from '../../server/integrations/wechat-message'
import { APP_PATHS, MESSAGE_KINDS, notify } from '../../server/messages'
import { drainPushes, expireStaleClaims, recordConsents, type PushSenders } from '../../server/push'
import { upsertUserFromIdentity } from '../../server/users'
import { openTestDb } from '../support/db'

let db: Db
let fake: RunningFake
let wechat: WechatFakeState
let config: Config
let senders: PushSenders
const NOW = Date.parse('2025-07-14T08:00:00+08:00')
let n = 0

/** A person with WeChat linked (openid o-<name>). */
async function person(name: string): Promise<string> {
  const userId = await upsertUserFromIdentity(db, { issuer: 'test', subject: `${name}-${++n}`, role: 'enterprise', displayName: name }, NOW)
  await db.query(`INSERT INTO platform_bindings (platform, platform_user_id, user_id) VALUES ('weapp', $1, $2)`, [`o-${name}`, userId])
  return userId
}

const statusNotice = (userId: string, title = '需求被退回修改') =>
  db.transaction((tx) => notify(tx, { userId, kind: 'status_returned', title, body: '请补充功能安全认证计划', path: APP_PATHS.demandStatus('00000000-0000-0000-0000-000000000001') }, NOW))

const drain = (workerId = 'test-worker') => drainPushes({ db, config, senders, workerId, now: () => NOW })
const pushOf = async (notificationId: string) =>
  (await db.query<{ state: string; result_code: string; platform_code: string | null; attempts: number; not_before: Date | null; claimed_by: string | null }>(
    'SELECT state, result_code, platform_code, attempts, not_before, claimed_by FROM push_deliveries WHERE notification_id = $1',
    [notificationId]
  ))[0]
const consentOf = async (userId: string, templateId: string) =>
  (await db.query<{ one_time_grants: number; long_term: boolean; last_result: string }>(
    'SELECT one_time_grants, long_term, last_result FROM push_consents WHERE user_id = $1 AND template_id = $2',
    [userId, templateId]
  ))[0]

beforeAll(async () => {
  db = await openTestDb()
  const base = loadConfig({})
  wechat = createWechatFakeState({
    appId: base.wechat.appId,
    secret: base.wechat.secret,
    requireConsent: true,
    templates: { 'dev-wx-reminder': { longTerm: true }, 'dev-wx-status': { longTerm: false } }
  })
  fake = await startFake(wechatFake, { state: wechat })
  config = { ...base, wechat: { ...base.wechat, apiBase: fake.url } }
  senders = { weapp: createWechatSender(config.wechat, createWechatTokenStore(db, config.wechat), { miniprogramState: 'formal' }) }
})
afterAll(async () => {
  await fake.close()
  await db.close()
})

describe('the push drain', () => {
  it('sends on a one-time consent and uses it up', async () => {
    const u = await person('yici')
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-status': 'accept' }, NOW)
    wechat.grant('o-yici', 'dev-wx-status')
    const id = await statusNotice(u)
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'sent', result_code: 'SENT', platform_code: '0' })
    expect(await consentOf(u, 'dev-wx-status')).toMatchObject({ one_time_grants: 0 })
    expect(wechat.messages.at(-1)).toMatchObject({ touser: 'o-yici', template_id: 'dev-wx-status' })
    // no consent left: the next one stays in the message center only
    const next = await statusNotice(u, '需求已推荐')
    await drain()
    expect(await pushOf(next)).toMatchObject({ state: 'skipped', result_code: 'NO_CONSENT' })
  })

  it('records a refusal (43101) and stops counting on the consent', async () => {
    const u = await person('jujue')
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-status': 'accept' }, NOW)
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-status': 'accept' }, NOW)
    // the person switched messages off in WeChat since: the platform has no grant
    const id = await statusNotice(u)
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'failed', result_code: 'REFUSED', platform_code: '43101' })
    expect(await consentOf(u, 'dev-wx-status')).toEqual({ one_time_grants: 0, long_term: false, last_result: 'refused' })
  })

  it('gives a one-time consent back when the message did not go (47003)', async () => {
    const u = await person('huanhui')
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-status': 'accept' }, NOW)
    wechat.grant('o-huanhui', 'dev-wx-status')
    wechat.failNextSend(47003, 'argument invalid! data.thing1.value invalid')
    const id = await statusNotice(u)
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'failed', result_code: 'INVALID_DATA', platform_code: '47003' })
    expect(await consentOf(u, 'dev-wx-status')).toMatchObject({ one_time_grants: 1 })
  })

  it('tries again later when the platform is busy (-1), not at once', async () => {
    const u = await person('fanmang')
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-status': 'accept' }, NOW)
    wechat.grant('o-fanmang', 'dev-wx-status')
    wechat.failNextSend(-1, 'system error')
    const id = await statusNotice(u)
    // retries are timed on the database's clock, as leases are
    const [{ before }] = await db.query<{ before: Date }>('SELECT now() AS before')
    await drain()
    const push = await pushOf(id)
    expect(push).toMatchObject({ state: 'pending', result_code: 'UNAVAILABLE', platform_code: '-1', attempts: 1 })
    expect(push.not_before!.getTime()).toBeGreaterThanOrEqual(before.getTime() + 29_000)
    expect(await consentOf(u, 'dev-wx-status')).toMatchObject({ one_time_grants: 1 })
    expect((await drain()).claimed).toBe(0)
    // when its time has come, it goes
    await db.query(`UPDATE push_deliveries SET not_before = now() WHERE notification_id = $1`, [id])
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('honours a person who turned status pushes off, and never pushes without a linked phone', async () => {
    const u = await person('guanbi')
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-status': 'accept' }, NOW)
    await db.query(`INSERT INTO notification_settings (user_id, key, enabled, updated_at) VALUES ($1, 'push:status', false, now())`, [u])
    const id = await statusNotice(u)
    const unlinked = await upsertUserFromIdentity(db, { issuer: 'test', subject: 'unlinked', role: 'enterprise', displayName: '未绑定' }, NOW)
    const other = await statusNotice(unlinked)
    const sends = wechat.counts.send
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'skipped', result_code: 'OPTED_OUT' })
    expect(await pushOf(other)).toMatchObject({ state: 'skipped', result_code: 'NO_CONSENT' })
    expect(wechat.counts.send).toBe(sends)
  })

  /** A reminder for a new person with a long-term consent, left by a killed process in `state`. */
  async function leftBehind(name: string, state: 'claimed' | 'sending'): Promise<string> {
    const u = await person(name)
    await recordConsents(db, config, u, 'weapp', { 'dev-wx-reminder': 'accept' }, NOW)
    wechat.grant(`o-${name}`, 'dev-wx-reminder')
    const id = await db.transaction((tx) =>
      notify(tx, { userId: u, kind: MESSAGE_KINDS.enterpriseReminder, title: '需求填报截止提醒', body: '…', path: '/pages/index/index' }, NOW)
    )
    await db.query(
      `UPDATE push_deliveries SET state = $2, claimed_by = 'dead:1:x', claimed_at = now() - interval '2 minutes', attempts = 1 WHERE notification_id = $1`,
      [id, state]
    )
    return id
  }

  it('never sends again what a killed process was sending: after the lease it is unknown', async () => {
    const id = await leftBehind('zhongduan', 'sending')
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'sending' })
    expect(await expireStaleClaims(db, 60)).toEqual({ released: 0, unknown: 1 })
    expect(await pushOf(id)).toMatchObject({ state: 'unknown', result_code: 'NO_ANSWER' })
    await drain()
    expect(wechat.messages.filter((m) => m.touser === 'o-zhongduan')).toEqual([])
  })

  it('sends once what a killed process had only claimed: after the lease it is pending again', async () => {
    const id = await leftBehind('weifa', 'claimed')
    // within the lease nobody else takes it
    expect(await expireStaleClaims(db, 600)).toEqual({ released: 0, unknown: 0 })
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'claimed' })
    expect(await expireStaleClaims(db, 60)).toEqual({ released: 1, unknown: 0 })
    expect(await pushOf(id)).toMatchObject({ state: 'pending', attempts: 0, claimed_by: null })
    await drain()
    await drain()
    expect(await pushOf(id)).toMatchObject({ state: 'sent', attempts: 1, claimed_by: 'test-worker' })
    expect(wechat.messages.filter((m) => m.touser === 'o-weifa')).toHaveLength(1)
  })
})
