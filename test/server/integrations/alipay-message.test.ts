/**
 * Alipay subscription messages (alipay.open.app.mini.templatemessage.send, platform-apis.md §4d)
 * against the fake gateway, which checks the RSA2 signature of every request and signs its answers.
 */
import { TEMPLATE_MESSAGE_METHOD, callAlipay, createAlipayLogin, createAlipaySender, rsa2Sign } from '../../../server/integrations/alipay'
import { alipayFake, createAlipayFakeState, type AlipayFakeConfig } from '../../../server/integrations/fakes/alipay-fake'
import type { PushTemplate } from '../../../server/integrations/push'
import { freePort } from '../../support/ports'
import { alipayKeyPairs, fakesPerTest, gatewayAnswering, reminderData, reminderMessage, withStandIn } from './harness'

const APP_ID = '2021000000000002'
const reminder: PushTemplate = {
  id: 'ali-reminder',
  longTerm: true,
  keywords: { campaign: 'keyword1', deadline: 'keyword2', left: 'keyword3', note: 'keyword4' }
}
const keys = alipayKeyPairs()
const fakes = fakesPerTest()
const message = reminderMessage('2088000000000001', reminder)

async function setup(extra: Partial<AlipayFakeConfig> = {}) {
  const state = createAlipayFakeState({ appId: APP_ID, appPublicKey: keys.app.publicKey, templates: { [reminder.id]: { longTerm: true } }, ...extra })
  const fake = await fakes.start(alipayFake, { state })
  const cfg = { gateway: `${fake.url}/gateway.do`, appId: APP_ID, privateKey: keys.app.privateKey, alipayPublicKey: state.alipayPublicKey }
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
        data: reminderData('keyword1', 'keyword2', 'keyword3', 'keyword4')
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
    const sender = createAlipaySender({ ...cfg, privateKey: keys.other.privateKey })
    expect(await sender.send(message())).toMatchObject({ ok: false, code: 'CONFIG', platformCode: 'isv.invalid-signature' })
  })

  it('does not trust an answer whose signature does not verify', async () => {
    const { cfg, state } = await setup()
    const sender = createAlipaySender({ ...cfg, alipayPublicKey: keys.other.publicKey })
    expect(await sender.send(message())).toMatchObject({ ok: false, code: 'UNAVAILABLE', platformCode: 'invalid-response-sign' })
    // it did reach the gateway: never resent blindly
    expect(state.messages).toHaveLength(1)
  })

  it('refuses a reply that repeats the response node (a forged success after a signed error)', async () => {
    const key = 'alipay_open_app_mini_templatemessage_send_response'
    const signedError = '{"code":"40004","msg":"Business Failed","sub_code":"USER_NOT_SUBSCRIBED","sub_msg":"no consent"}'
    const text = `{"${key}":${signedError},"sign":"${rsa2Sign(signedError, keys.other.privateKey)}","${key}":{"code":"10000","msg":"Success"}}`
    const sender = (url: string) => createAlipaySender({ gateway: `${url}/gateway.do`, appId: APP_ID, privateKey: keys.app.privateKey, alipayPublicKey: keys.other.publicKey })
    const sent = await withStandIn(gatewayAnswering(text), (url) => sender(url).send(message()))
    expect(sent).toMatchObject({ ok: false, code: 'UNAVAILABLE', platformCode: 'invalid-response-sign' })
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
