import { createWechatLogin } from '../../../server/integrations/wechat'
import { createWechatFakeState, wechatFake, type WechatFakeConfig } from '../../../server/integrations/fakes/wechat-fake'
import { fakesPerTest, loginRejection as rejection, withStandIn } from './harness'

const APPID = 'wx-test-appid'
const SECRET = 'wx-test-secret'

let clock = Date.UTC(2025, 0, 6, 2, 0, 30) // 30 s into a minute
const fakes = fakesPerTest()

async function setup(extra: Partial<WechatFakeConfig> = {}) {
  const state = createWechatFakeState({ appId: APPID, secret: SECRET, now: () => clock, ...extra })
  const fake = await fakes.start(wechatFake, { state })
  const login = createWechatLogin({ apiBase: fake.url, appId: APPID, secret: SECRET })
  return { state, fake, login }
}

describe('WeChat login adapter against the code2Session fake', () => {
  it('exchanges a code for the openid (and unionid), never exposing session_key', async () => {
    const { state, login } = await setup({ successStyle: 'with-errcode' })
    const code = state.issueCode('o-user-1', { unionid: 'u-union-1' })
    const result = await login.exchange(code)
    expect(result).toEqual({ platformUserId: 'o-user-1', unionId: 'u-union-1' })
    expect(Object.keys(result).sort()).toEqual(['platformUserId', 'unionId'])
    expect(JSON.stringify(result)).not.toContain('session')
  })

  it('accepts a success that carries no errcode at all', async () => {
    const { state, fake, login } = await setup({ successStyle: 'without-errcode' })
    // What the fake really sends in this mode (the community-reported shape):
    const probe = state.issueCode('o-probe')
    const raw = await (await fetch(`${fake.url}/sns/jscode2session?appid=${APPID}&secret=${SECRET}&js_code=${probe}&grant_type=authorization_code`)).json()
    expect(Object.keys(raw).sort()).toEqual(['expires_in', 'openid', 'session_key'])
    expect(raw.openid).toBe('o-probe')

    const code = state.issueCode('o-user-2')
    expect(await login.exchange(code)).toEqual({ platformUserId: 'o-user-2' })
  })

  it('rejects a code used a second time (40029)', async () => {
    const { state, login } = await setup()
    const code = state.issueCode('o-user-3')
    await expect(login.exchange(code)).resolves.toEqual({ platformUserId: 'o-user-3' })
    const err = await rejection(login.exchange(code))
    expect(err.code).toBe('PLATFORM_CODE_INVALID')
    expect(err.platformCode).toBe('40029')
    expect(err.message).toBe('登录凭证无效或已过期，请重新登录')
  })

  it('accepts a code within 5 minutes and rejects it after', async () => {
    const { state, login } = await setup({ ratePerMinute: 1000 })
    const start = clock
    const fresh = state.issueCode('o-fresh')
    const stale = state.issueCode('o-stale')
    clock = start + 5 * 60_000 - 1
    await expect(login.exchange(fresh)).resolves.toEqual({ platformUserId: 'o-fresh' })
    clock = start + 5 * 60_000
    const err = await rejection(login.exchange(stale))
    expect(err.code).toBe('PLATFORM_CODE_INVALID')
    expect(err.platformCode).toBe('40029')
    clock = start
  })

  it('maps a wrong secret (40125) and a wrong appid (40013) to a configuration error', async () => {
    const { state, fake } = await setup()
    const code = state.issueCode('o-user-4')
    const badSecret = createWechatLogin({ apiBase: fake.url, appId: APPID, secret: 'nope' })
    const e1 = await rejection(badSecret.exchange(code))
    expect(e1.code).toBe('PLATFORM_CONFIG')
    expect(e1.platformCode).toBe('40125')
    expect(e1.platformMessage).toBe('invalid appsecret')

    const badAppid = createWechatLogin({ apiBase: fake.url, appId: 'wx-other', secret: SECRET })
    const e2 = await rejection(badAppid.exchange(code))
    expect(e2.code).toBe('PLATFORM_CONFIG')
    expect(e2.platformCode).toBe('40013')

    // The failed attempts did not consume the code.
    const good = createWechatLogin({ apiBase: fake.url, appId: APPID, secret: SECRET })
    await expect(good.exchange(code)).resolves.toEqual({ platformUserId: 'o-user-4' })
  })

  it('maps the per-minute limit to 45011 → rate limited, and recovers next minute', async () => {
    const { state, login } = await setup({ ratePerMinute: 2 })
    await login.exchange(state.issueCode('a'))
    await login.exchange(state.issueCode('b'))
    const code = state.issueCode('c')
    const err = await rejection(login.exchange(code))
    expect(err.code).toBe('PLATFORM_RATE_LIMITED')
    expect(err.platformCode).toBe('45011')
    expect(err.message).toBe('登录请求过于频繁，请稍后再试')
    const start = clock
    clock = start + 60_000
    await expect(login.exchange(code)).resolves.toEqual({ platformUserId: 'c' })
    clock = start
  })

  it('maps 40226 code blocked to its own code', async () => {
    const { state, login } = await setup()
    const err = await rejection(login.exchange(state.issueCode('o-risky', { blocked: true })))
    expect(err.code).toBe('PLATFORM_USER_BLOCKED')
    expect(err.platformCode).toBe('40226')
  })

  it('maps -1 system error to unavailable', async () => {
    const { state, login } = await setup()
    state.failNext(-1, 'system error')
    const err = await rejection(login.exchange(state.issueCode('o-x')))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('-1')
  })

  it('maps a closed port (network failure) to unavailable', async () => {
    const { state, fake } = await setup()
    const code = state.issueCode('o-y')
    await fakes.stopLast()
    const login = createWechatLogin({ apiBase: fake.url, appId: APPID, secret: SECRET })
    const err = await rejection(login.exchange(code))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('network')
    expect((err.cause as { code?: string }).code).toBe('ECONNREFUSED') // node:http's connection error
    expect(err.message).toBe('平台登录服务暂不可用，请稍后再试')
  })

  it('maps a non-JSON 200 reply and an HTTP error to unavailable', async () => {
    const page = await withStandIn(
      (app) => app.get('/sns/jscode2session', async (_req, reply) => reply.type('text/html').send('<html>502 Bad Gateway</html>')),
      (url) => rejection(createWechatLogin({ apiBase: url, appId: APPID, secret: SECRET }).exchange('whatever'))
    )
    expect(page.code).toBe('PLATFORM_UNAVAILABLE')
    expect(page.platformCode).toBe('non-json')

    const { fake } = await setup()
    const wrongBase = createWechatLogin({ apiBase: `${fake.url}/not-there`, appId: APPID, secret: SECRET })
    const err = await rejection(wrongBase.exchange('whatever'))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('http-404')
  })

  it('rejects an empty code and a missing config without calling out', async () => {
    const login = createWechatLogin({ apiBase: 'http://127.0.0.1:1', appId: APPID, secret: SECRET })
    expect((await rejection(login.exchange(''))).code).toBe('PLATFORM_CODE_INVALID')
    const noSecret = createWechatLogin({ apiBase: 'http://127.0.0.1:1', appId: APPID, secret: '' })
    expect((await rejection(noSecret.exchange('abc'))).code).toBe('PLATFORM_CONFIG')
  })

  it('issues codes over HTTP: POST /__issue {openid} → {code}', async () => {
    const { fake, login } = await setup()
    const res = await fetch(`${fake.url}/__issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o-browser' })
    })
    expect(res.status).toBe(200)
    const { code } = (await res.json()) as { code: string }
    expect(code).toMatch(/^[0-9a-f]{32}$/)
    expect(await login.exchange(code)).toEqual({ platformUserId: 'o-browser' })
  })
})
