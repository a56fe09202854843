/**
 * Consent to subscription messages, against the real server: the helper takes the template
 * ids from GET /api/push/templates, opens the platform's panel synchronously (inside the tap),
 * at most 3 ids of one kind per call, and posts the answers to POST /api/push/consents.
 * The platform's panel (Taro.requestSubscribeMessage: wx / my.requestSubscribeMessage) is the
 * edge that is spied on; the build's platform is switched with TARO_ENV_JEST.
 */
import Taro from '@tarojs/taro'
import { preparePushConsent, requestPushConsent } from '../../src/features/messages'
import { pickTemplates, resetPushConsentCache } from '../../src/features/messages/consent'
import type { TemplateConsent } from '../../src/features/messages/api'
import { startTokenSession } from '../../src/services/session'
import { api, tokenFor } from './support/journey'

interface Templates {
  bound: boolean
  templates: Array<{ id: string; purpose: string; longTerm: boolean; subscribed: boolean; oneTimeGrants: number; lastResult: string | null }>
}

let token: string
const panel = () => jest.spyOn(Taro, 'requestSubscribeMessage')

beforeAll(async () => {
  token = await tokenFor('ent-zhixin')
  startTokenSession(token)
})

afterEach(() => {
  jest.restoreAllMocks()
  delete process.env.TARO_ENV_JEST
  resetPushConsentCache()
})

const serverTemplates = (platform: 'weapp' | 'alipay') => api<Templates>(token, 'GET', `/api/push/templates?platform=${platform}`)

it('WeChat: asks for the long-term reminder template when saving, synchronously in the tap, and records the answer', async () => {
  process.env.TARO_ENV_JEST = 'weapp'
  // binding the phone (Taro.login) is not what this test is about
  jest.spyOn(Taro, 'login').mockRejectedValue(new Error('no WeChat here'))
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  await preparePushConsent() // what the tab pages do on show

  const spy = panel().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'dev-wx-reminder': 'accept' } as never)
  const pending = requestPushConsent('save')
  // Called before anything was awaited: the panel opens from the tap itself.
  expect(spy).toHaveBeenCalledTimes(1)
  expect(spy).toHaveBeenCalledWith({ tmplIds: ['dev-wx-reminder'] })
  const result = await pending
  expect(result).toEqual({ asked: true, templateIds: ['dev-wx-reminder'], accepted: ['dev-wx-reminder'] })

  const reminder = (await serverTemplates('weapp')).templates.find((t) => t.purpose === 'reminder')!
  expect(reminder).toMatchObject({ id: 'dev-wx-reminder', longTerm: true, subscribed: true, lastResult: 'accept' })

  // Already allowed for good: saving again asks nothing.
  const again = await requestPushConsent('save')
  expect(again).toMatchObject({ asked: false, skipped: 'not-needed' })
  expect(spy).toHaveBeenCalledTimes(1)
})

it('WeChat: on submit asks for the one-time status template alone (never mixed with long-term ones)', async () => {
  process.env.TARO_ENV_JEST = 'weapp'
  jest.spyOn(Taro, 'login').mockRejectedValue(new Error('no WeChat here'))
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  await preparePushConsent()
  const before = (await serverTemplates('weapp')).templates.find((t) => t.purpose === 'status')!.oneTimeGrants

  const spy = panel().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'dev-wx-status': 'accept' } as never)
  const result = await requestPushConsent('submit')
  expect(spy).toHaveBeenCalledWith({ tmplIds: ['dev-wx-status'] })
  expect(result.accepted).toEqual(['dev-wx-status'])
  const status = (await serverTemplates('weapp')).templates.find((t) => t.purpose === 'status')!
  expect(status).toMatchObject({ longTerm: false, oneTimeGrants: before + 1, lastResult: 'accept' })

  // A refusal is recorded too.
  spy.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'dev-wx-status': 'reject' } as never)
  const refused = await requestPushConsent('submit')
  expect(refused).toMatchObject({ asked: true, accepted: [] })
  expect((await serverTemplates('weapp')).templates.find((t) => t.purpose === 'status')!.lastResult).toBe('reject')
})

it('WeChat: a panel that fails (notifications switched off) is reported, never thrown', async () => {
  process.env.TARO_ENV_JEST = 'weapp'
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  await preparePushConsent()
  panel().mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail The main switch is switched off', errCode: 20004 })
  const result = await requestPushConsent('settings', { purpose: 'status' })
  expect(result).toMatchObject({ asked: true, accepted: [], error: '已在微信设置中关闭接收通知' })
})

it('Alipay: my.requestSubscribeMessage with entityIds; subscribed ids are recorded as accepted', async () => {
  process.env.TARO_ENV_JEST = 'alipay'
  jest.spyOn(Taro, 'login').mockRejectedValue(new Error('no Alipay here'))
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  await preparePushConsent()
  const spy = panel().mockResolvedValue({
    behavior: 'subscribe',
    keep: false,
    result: { subscribedEntityIds: ['dev-ali-reminder'], unsubscribedEntityIds: [], currentSubscribedEntityIds: ['dev-ali-reminder'] }
  } as never)
  const result = await requestPushConsent('save')
  expect(spy).toHaveBeenCalledWith({ entityIds: ['dev-ali-reminder'] })
  expect(result.accepted).toEqual(['dev-ali-reminder'])
  expect((await serverTemplates('alipay')).templates.find((t) => t.purpose === 'reminder')).toMatchObject({ subscribed: true })
})

it('H5: does nothing', async () => {
  const spy = panel()
  const result = await requestPushConsent('submit')
  expect(result).toEqual({ asked: false, templateIds: [], accepted: [], skipped: 'unsupported' })
  expect(spy).not.toHaveBeenCalled()
})

it('asks for at most 3 templates of one kind per call', () => {
  const t = (id: string, purpose: 'reminder' | 'status', longTerm: boolean): TemplateConsent => ({
    id,
    purpose,
    longTerm,
    subscribed: false,
    oneTimeGrants: 0,
    lastResult: null
  })
  const many = [t('r1', 'reminder', true), t('s1', 'status', false), t('s2', 'status', false), t('s3', 'status', false), t('s4', 'status', false)]
  expect(pickTemplates(many, 'submit').map((x) => x.id)).toEqual(['s1', 's2', 's3'])
  expect(pickTemplates(many, 'settings').map((x) => x.id)).toEqual(['r1'])
  expect(pickTemplates(many, 'settings', { purpose: 'status' }).map((x) => x.id)).toEqual(['s1', 's2', 's3'])
})
