/**
 * Alipay subscription messages (alipay.open.app.mini.templatemessage.send, platform-apis.md §4d)
 * against the fake gateway, which checks the RSA2 signature of every request and signs its answers.
 */
import Fastify from 'fastify'
import { TEMPLATE_MESSAGE_METHOD, callAlipay, createAlipayLogin, createAlipaySender, rsa2Sign } from '../../../server/integrations/alipay'
import { alipayFake, createAlipayFakeState, generateRsaKeyPair, type AlipayFakeConfig, type RsaKeyPairPem } from '../../../server/integrations/fakes/alipay-fake'
import { startFake, type RunningFake } from '../../../server/integrations/fakes/serve'
import type { PushMessage, PushTemplate } from '../../../server/integrations/push'
import { freePort } from '../../support/idp'

const APP_ID = '2021000000000002'
const reminder: PushTemplate = {
  id: 'ali-reminder',
  longTerm: true,
  keywords: { campaign: 'keyword1', deadline: 'keyword2', left: 'keyword3', note: 'keyword4' }
}
let appKeys: RsaKeyPairPem
let otherKeys: RsaKeyPairPem
const running: RunningFake[] = []

const message = (over: Partial<PushMessage> = {}): PushMessage => ({
  toUser: '2088000000000001',
  template: reminder,
  page: '/packages/demand/pages/wizard/index?id=42',
  values: { campaign: '2026年度重点领域技术创新需求征集', deadline: '2025-07-20T15:59:00.000Z', left: '6天15小时', note: '需求尚未提交，请尽快提交' },
  ...over
})

beforeAll(() => {
  appKeys = generateRsaKeyPair()
  otherKeys = generateRsaKeyPair()
})
afterEach(async () => {
  while (running.length) await running.pop()!.close()
})

async function setup(extra: Partial<AlipayFakeConfig> = {}) {
  const state = createAlipayFakeState({ appId: APP_ID, appPublicKey: appKeys.publicKey, templates: { [reminder.id]: { longTerm: true } }, ...extra })
  const fake = await startFake(alipayFake, { state })
  running.push(fake)
  const cfg = { gateway: `${fake.url}/gateway.do`, appId: APP_ID, privateKey: appKeys.privateKey, alipayPublicKey: state.alipayPublicKey }
  return { state, cfg, sender: createAlipaySender(cfg) }
}

describe('Alipay template messages', () => {
  it('sends a signed request; the fake verifies it and answers signed', async () => {
    const { state, sender } = await setup()
    expect(await sender.send(message())).toEqual({ ok: true, platformCode: '10000' })
    expect(state.messages).toEqual([
      expect.objectContaining({
        to_user_id: '2088000000000001',
        user_template_id: 'ali-reminder',
        page: 'packages/demand/pages/wizard/index?id=42',
        data: {
          keyword1: { value: '2026年度重点领域技术创新需求征集' },
          keyword2: { value: '2025年7月20日 23:59' },
          keyword3: { value: '6天15小时' },
          keyword4: { value: '需求尚未提交，请尽快提交' }
        }
      })
    ])
  })

  it('keeps every value within 50 characters, cutting with an ellipsis', async () => {
    const { state, sender } = await setup()
    const long = '需'.repeat(80)
    expect(await sender.send(message({ values: { ...message().values, note: long, campaign: '征'.repeat(50) } }))).toMatchObject({ ok: true })
    expect(state.messages[0].data.keyword4.value).toBe('需'.repeat(49) + '…')
    expect(state.messages[0].data.keyword1.value).toBe('征'.repeat(50))
  })

  it('the gateway refuses a value over 50 characters (USER_KEYWORD_LENGTH_ERROR), which the adapter maps', async () => {
    const { cfg } = await setup()
    const biz = { to_user_id: '2088000000000001', user_template_id: reminder.id, data: JSON.stringify({ keyword1: { value: '长'.repeat(51) } }) }
    const reply = await callAlipay(cfg, TEMPLATE_MESSAGE_METHOD, { biz_content: JSON.stringify(biz) }, 5000)
    expect(reply).toMatchObject({ ok: false, kind: 'business', platformCode: 'USER_KEYWORD_LENGTH_ERROR', node: { code: '40004' } })
  })

  it('reports a request signed with the wrong key as configuration', async () => {
    const { cfg } = await setup()
    const sender = createAlipaySender({ ...cfg, privateKey: otherKeys.privateKey })
    expect(await sender.send(message())).toMatchObject({ ok: false, code: 'CONFIG', platformCode: 'isv.invalid-signature' })
  })

  it('does not trust an answer whose signature does not verify', async () => {
    const { cfg, state } = await setup()
    const sender = createAlipaySender({ ...cfg, alipayPublicKey: otherKeys.publicKey })
    expect(await sender.send(message())).toMatchObject({ ok: false, code: 'UNAVAILABLE', platformCode: 'invalid-response-sign' })
    // it did reach the gateway: never resent blindly
    expect(state.messages).toHaveLength(1)
  })

  it('refuses a reply that repeats the response node (a forged success after a signed error)', async () => {
    const key = 'alipay_open_app_mini_templatemessage_send_response'
    const signedError = '{"code":"40004","msg":"Business Failed","sub_code":"USER_NOT_SUBSCRIBED","sub_msg":"no consent"}'
    const text = `{"${key}":${signedError},"sign":"${rsa2Sign(signedError, otherKeys.privateKey)}","${key}":{"code":"10000","msg":"Success"}}`
    const gateway = Fastify()
    gateway.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, body))
    gateway.post('/gateway.do', async (_req, reply) => reply.type('application/json;charset=utf-8').send(text))
    const url = await gateway.listen({ port: 0, host: '127.0.0.1' })
    try {
      const sender = createAlipaySender({ gateway: `${url}/gateway.do`, appId: APP_ID, privateKey: appKeys.privateKey, alipayPublicKey: otherKeys.publicKey })
      expect(await sender.send(message())).toMatchObject({ ok: false, code: 'UNAVAILABLE', platformCode: 'invalid-response-sign' })
    } finally {
      await gateway.close()
    }
  })

  it('records what the platform says when there is no consent, and an unknown template', async () => {
    const { sender, state } = await setup({ requireConsent: true })
    expect(await sender.send(message())).toMatchObject({ ok: false, code: 'UNAVAILABLE', platformCode: 'USER_NOT_SUBSCRIBED', retryable: false })
    state.grant('2088000000000001', reminder.id)
    expect(await sender.send(message())).toMatchObject({ ok: true })
    expect(await sender.send(message({ template: { ...reminder, id: 'nope' } }))).toMatchObject({ ok: false, platformCode: 'USER_TEMPLATE_ILLEGAL' })
  })

  it('reports an unreachable gateway as retryable', async () => {
    const { cfg } = await setup()
    const sender = createAlipaySender({ ...cfg, gateway: `http://127.0.0.1:${await freePort()}/gateway.do` })
    expect(await sender.send(message())).toMatchObject({ ok: false, code: 'UNAVAILABLE', retryable: true })
  })

  it('reaches a user known only by open_id (openid mode) through to_open_id, as the API documents', async () => {
    const { state, cfg, sender } = await setup({ requireConsent: true })
    // openid mode: the token response has no user_id, so the open_id is all login keeps
    const issued = state.issueCode(undefined, { idMode: 'open_id' })
    const { platformUserId } = await createAlipayLogin(cfg).exchange(issued.code)
    expect(platformUserId).toBe(issued.openId)

    state.grant(issued.openId, reminder.id)
    expect(await sender.send(message({ toUser: platformUserId }))).toEqual({ ok: true, platformCode: '10000' })
    expect(state.messages).toEqual([expect.objectContaining({ to_open_id: issued.openId, userId: issued.userId, user_template_id: reminder.id })])
    expect(state.messages[0]).not.toHaveProperty('to_user_id')
  })

  it('still addresses a 2088… user id by to_user_id, and an open id the gateway does not know is refused, not sent', async () => {
    const { state, sender } = await setup()
    const issued = state.issueCode(undefined, { idMode: 'both' })
    expect(await sender.send(message({ toUser: issued.userId }))).toMatchObject({ ok: true })
    expect(state.messages[0]).toMatchObject({ to_user_id: issued.userId, userId: issued.userId })
    expect(state.messages[0]).not.toHaveProperty('to_open_id')

    expect(await sender.send(message({ toUser: '0not-an-open-id-of-this-app' }))).toMatchObject({ ok: false, platformCode: 'INVALID_PARAMETER' })
    expect(state.messages).toHaveLength(1)
  })

  it('the gateway takes exactly one recipient field', async () => {
    const { state, cfg } = await setup()
    const issued = state.issueCode()
    const data = JSON.stringify({ keyword1: { value: '征集' } })
    for (const to of [{}, { to_user_id: issued.userId, to_open_id: issued.openId }]) {
      const reply = await callAlipay(cfg, TEMPLATE_MESSAGE_METHOD, { biz_content: JSON.stringify({ ...to, user_template_id: reminder.id, data }) }, 5000)
      expect(reply).toMatchObject({ ok: false, kind: 'business', platformCode: 'INVALID_PARAMETER' })
    }
    expect(state.messages).toHaveLength(0)
  })
})
