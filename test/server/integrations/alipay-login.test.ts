import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import {
  alipaySignString,
  createAlipayLogin,
  extractRawNode,
  hasDuplicateKeys,
  rsa2Sign,
  rsa2Verify
} from '../../../server/integrations/alipay'
import { PlatformLoginError } from '../../../server/integrations/platform-login'
import { alipayFake, createAlipayFakeState, devAlipayKeys, type AlipayFakeConfig } from '../../../server/integrations/fakes/alipay-fake'
import { alipayKeyPairs, fakesPerTest, gatewayAnswering, loginRejection as rejection, withStandIn } from './harness'

const APP_ID = '2021000000000001'

const keys = alipayKeyPairs()
let clock = Date.UTC(2025, 0, 6, 2, 0, 0)
const fakes = fakesPerTest()

async function setup(extra: Partial<AlipayFakeConfig> = {}) {
  const state = createAlipayFakeState({ appId: APP_ID, appPublicKey: keys.app.publicKey, now: () => clock, ...extra })
  const fake = await fakes.start(alipayFake, { state })
  const cfg = {
    gateway: `${fake.url}/gateway.do`,
    appId: APP_ID,
    privateKey: keys.app.privateKey,
    alipayPublicKey: state.alipayPublicKey
  }
  return { state, fake, cfg, login: createAlipayLogin(cfg) }
}
/** A login whose replies must be signed with keys.other (a stand-in gateway's key). */
const standInLogin = (url: string) => createAlipayLogin({ gateway: `${url}/gateway.do`, appId: APP_ID, privateKey: keys.app.privateKey, alipayPublicKey: keys.other.publicKey })

describe('RSA2 helpers', () => {
  it('builds the string to sign: drops sign and empty values, sorts by ASCII, keeps sign_type, raw values', () => {
    const params = {
      timestamp: '2024-05-01 08:00:00',
      method: 'alipay.system.oauth.token',
      app_id: '2021000000000000',
      sign: 'SHOULD-NOT-APPEAR',
      sign_type: 'RSA2',
      charset: 'utf-8',
      version: '1.0',
      app_auth_token: '',
      grant_type: 'authorization_code',
      code: 'a+b/c=&d',
      Zkey: 'upper-before-lower'
    }
    expect(alipaySignString(params)).toBe(
      'Zkey=upper-before-lower&app_id=2021000000000000&charset=utf-8&code=a+b/c=&d' +
        '&grant_type=authorization_code&method=alipay.system.oauth.token&sign_type=RSA2' +
        '&timestamp=2024-05-01 08:00:00&version=1.0'
    )
  })

  it('signs with SHA256withRSA and verifies only the exact content with the matching key', () => {
    const content = 'app_id=1&method=x&sign_type=RSA2'
    const sign = rsa2Sign(content, keys.app.privateKey)
    expect(crypto.verify('RSA-SHA256', Buffer.from(content), keys.app.publicKey, Buffer.from(sign, 'base64'))).toBe(true)
    expect(sign).toBe(rsa2Sign(content, keys.app.privateKey)) // PKCS#1 v1.5 is deterministic
    expect(rsa2Verify(content, sign, keys.app.publicKey)).toBe(true)
    expect(rsa2Verify(content + ' ', sign, keys.app.publicKey)).toBe(false)
    expect(rsa2Verify(content, sign, keys.other.publicKey)).toBe(false)
    expect(rsa2Verify(content, 'not-base64-signature', keys.app.publicKey)).toBe(false)
  })

  it('accepts bare base64 keys as printed by the Alipay key tool', () => {
    const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')
    const sign = rsa2Sign('hello', bare(keys.app.privateKey))
    expect(rsa2Verify('hello', sign, bare(keys.app.publicKey))).toBe(true)
  })

  it('cuts the response node out of the body as-is', () => {
    const node = '{ "a" : "}{\\"x_response\\":", "b": {"c": [1, 2]}, "d": "中文" }'
    const body = `{"note":"\\"x_response\\":{}","x_response" :  ${node} ,"sign":"abc"}`
    expect(extractRawNode(body, 'x_response')).toBe(node)
    expect(extractRawNode(body, 'sign')).toBe('"abc"')
    expect(extractRawNode(body, 'missing')).toBeUndefined()
    expect(extractRawNode('{"outer":{"x_response":{"k":1}}}', 'x_response')).toBeUndefined()
  })

  it('finds a repeated key in any object of the text, compared after unescaping', () => {
    expect(hasDuplicateKeys('{"a":1,"b":{"a":[{"a":1},{"a":2}]},"s":"\\"a\\":1,\\"a\\":2"}')).toBe(false)
    expect(hasDuplicateKeys('{"a":1, "a" :2}')).toBe(true)
    expect(hasDuplicateKeys('{"a":{"b":[{"c":1,"c":1}]}}')).toBe(true)
    expect(hasDuplicateKeys('{"user_id":"1","user\\u005fid":"2"}')).toBe(true)
  })

  it('devAlipayKeys generates two distinct pairs once per process', () => {
    const a = devAlipayKeys()
    expect(devAlipayKeys()).toBe(a)
    expect(a.appPublicKey).not.toBe(a.alipayPublicKey)
    expect(rsa2Verify('x', rsa2Sign('x', a.appPrivateKey), a.appPublicKey)).toBe(true)
    expect(rsa2Verify('x', rsa2Sign('x', a.alipayPrivateKey), a.alipayPublicKey)).toBe(true)
    expect(crypto.createPublicKey(a.appPublicKey).asymmetricKeyDetails?.modulusLength).toBe(2048)
  })
})

describe('Alipay login adapter: request on the wire', () => {
  it('POSTs form-encoded top-level params, signed over everything but sign (sign_type included)', async () => {
    let captured: { contentType?: string; body?: string } = {}
    const capture = (app: FastifyInstance) => {
      app.post('/gateway.do', async (req, reply) => {
        captured = { contentType: req.headers['content-type'], body: req.body as string }
        return reply.code(503).send('busy')
      })
    }
    const err = await withStandIn(capture, (url) => rejection(standInLogin(url).exchange('auth-code-123')))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('http-503')
    expect(captured.contentType).toMatch(/^application\/x-www-form-urlencoded/)
    const p = Object.fromEntries(new URLSearchParams(captured.body))
    expect(Object.keys(p).sort()).toEqual(
      ['app_id', 'charset', 'code', 'grant_type', 'method', 'sign', 'sign_type', 'timestamp', 'version'].sort()
    )
    expect(p).toMatchObject({
      app_id: APP_ID,
      method: 'alipay.system.oauth.token',
      charset: 'utf-8',
      sign_type: 'RSA2',
      version: '1.0',
      grant_type: 'authorization_code',
      code: 'auth-code-123'
    })
    expect(p.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const shanghaiNow = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    expect(Math.abs(Date.parse(p.timestamp.replace(' ', 'T') + 'Z') - Date.parse(shanghaiNow.replace(' ', 'T') + 'Z'))).toBeLessThan(60_000)
    const handBuilt =
      `app_id=${APP_ID}&charset=utf-8&code=auth-code-123&grant_type=authorization_code` +
      `&method=alipay.system.oauth.token&sign_type=RSA2&timestamp=${p.timestamp}&version=1.0`
    expect(crypto.verify('RSA-SHA256', Buffer.from(handBuilt), keys.app.publicKey, Buffer.from(p.sign, 'base64'))).toBe(true)
  })
})

describe('Alipay login adapter against the gateway fake', () => {
  it('exchanges a code for the 2088… user id; the fake answers the documented, signed shape', async () => {
    const { state, fake, login } = await setup()
    const issued = state.issueCode()
    expect(issued.userId).toMatch(/^2088\d{12}$/)
    expect(await login.exchange(issued.code)).toEqual({ platformUserId: issued.userId })

    // The raw reply, checked independently of the adapter.
    const second = state.issueCode(issued.userId)
    const params: Record<string, string> = {
      app_id: APP_ID, method: 'alipay.system.oauth.token', charset: 'utf-8', sign_type: 'RSA2',
      timestamp: '2025-01-06 10:00:00', version: '1.0', grant_type: 'authorization_code', code: second.code
    }
    params.sign = rsa2Sign(alipaySignString(params), keys.app.privateKey)
    const text = await (await fetch(`${fake.url}/gateway.do`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString()
    })).text()
    const body = JSON.parse(text)
    expect(Object.keys(body)).toEqual(['alipay_system_oauth_token_response', 'sign'])
    const node = body.alipay_system_oauth_token_response
    expect(node.user_id).toBe(issued.userId)
    expect(node.open_id).toBe(second.openId)
    expect(typeof node.expires_in).toBe('string')
    expect(node).toEqual(expect.objectContaining({
      access_token: expect.any(String), refresh_token: expect.any(String), re_expires_in: expect.any(String),
      auth_start: '2025-01-06 10:00:00'
    }))
    const raw = JSON.stringify(node)
    expect(text).toBe(`{"alipay_system_oauth_token_response":${raw},"sign":"${body.sign}"}`)
    expect(crypto.verify('RSA-SHA256', Buffer.from(raw), state.alipayPublicKey, Buffer.from(body.sign, 'base64'))).toBe(true)
  })

  it('accepts an open_id-only (openid mode) response', async () => {
    const { state, login } = await setup({ idMode: 'open_id' })
    const issued = state.issueCode('2088000011112222', { unionId: 'union-9' })
    const result = await login.exchange(issued.code)
    expect(result).toEqual({ platformUserId: issued.openId, unionId: 'union-9' })
    expect(result.platformUserId).not.toMatch(/^2088/)
  })

  it('accepts a user_id-only response', async () => {
    const { state, login } = await setup()
    const issued = state.issueCode('2088000033334444', { idMode: 'user_id' })
    expect(await login.exchange(issued.code)).toEqual({ platformUserId: '2088000033334444' })
  })

  it('rejects a reused code (isv.code-invalid)', async () => {
    const { state, login } = await setup()
    const { code, userId } = state.issueCode()
    await expect(login.exchange(code)).resolves.toEqual({ platformUserId: userId })
    const err = await rejection(login.exchange(code))
    expect(err.code).toBe('PLATFORM_CODE_INVALID')
    expect(err.platformCode).toBe('isv.code-invalid')
    expect(err.platformMessage).toBe('授权码code无效')
    expect(err.message).toBe('登录凭证无效或已过期，请重新登录')
  })

  it('rejects an expired code (fake clock)', async () => {
    const { state, login } = await setup({ codeTtlMs: 60_000 })
    const start = clock
    const early = state.issueCode()
    const late = state.issueCode()
    clock = start + 59_999
    await expect(login.exchange(early.code)).resolves.toEqual({ platformUserId: early.userId })
    clock = start + 60_000
    const err = await rejection(login.exchange(late.code))
    expect(err.code).toBe('PLATFORM_CODE_INVALID')
    clock = start
  })

  it('the fake refuses a request signed with the wrong app key (isv.invalid-signature), without using the code', async () => {
    const { state, cfg, login } = await setup()
    const { code, userId } = state.issueCode()
    const wrongKey = createAlipayLogin({ ...cfg, privateKey: keys.other.privateKey })
    const err = await rejection(wrongKey.exchange(code))
    expect(err.code).toBe('PLATFORM_CONFIG')
    expect(err.platformCode).toBe('isv.invalid-signature')
    await expect(login.exchange(code)).resolves.toEqual({ platformUserId: userId })
  })

  it('rejects a wrong app_id (isv.invalid-app-id)', async () => {
    const { state, cfg } = await setup()
    const login = createAlipayLogin({ ...cfg, appId: '2021999999999999' })
    const err = await rejection(login.exchange(state.issueCode().code))
    expect(err.code).toBe('PLATFORM_CONFIG')
    expect(err.platformCode).toBe('isv.invalid-app-id')
  })

  it('rejects a response signed with a key other than the configured Alipay public key', async () => {
    const { state, cfg } = await setup({ alipayPrivateKey: keys.other.privateKey })
    expect(state.alipayPublicKey.replace(/\s/g, '')).toBe(keys.other.publicKey.replace(/\s/g, ''))
    const login = createAlipayLogin({ ...cfg, alipayPublicKey: keys.app.publicKey })
    const err = await rejection(login.exchange(state.issueCode().code))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('invalid-response-sign')
  })

  it('rejects a correctly signed response whose node text was altered in transit', async () => {
    const { state, fake, cfg } = await setup()
    const alteringProxy = (app: FastifyInstance) => {
      app.post('/gateway.do', async (req, reply) => {
        const upstream = await fetch(`${fake.url}/gateway.do`, {
          method: 'POST',
          headers: { 'content-type': String(req.headers['content-type']) },
          body: req.body as string
        })
        const text = (await upstream.text()).replace(/"user_id":"2088\d{12}"/, '"user_id":"2088999999999999"')
        return reply.type('application/json').send(text)
      })
    }
    const login = (url: string) => createAlipayLogin({ ...cfg, gateway: `${url}/gateway.do` })
    const err = await withStandIn(alteringProxy, (url) => rejection(login(url).exchange(state.issueCode().code)))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('invalid-response-sign')
  })

  it('verifies over the raw node text, not a re-serialization (spacing, escapes kept)', async () => {
    const node = '{ "user_id" : "2088000077778888",\n  "open_id": "a\\/b", "expires_in":"1296000" }'
    const reply = `{"alipay_system_oauth_token_response": ${node},\n "sign":"${rsa2Sign(node, keys.other.privateKey)}"}`
    expect(await withStandIn(gatewayAnswering(reply), (url) => standInLogin(url).exchange('any-code'))).toEqual({ platformUserId: '2088000077778888' })
  })

  it('maps a closed port to unavailable', async () => {
    const { state, cfg } = await setup()
    const { code } = state.issueCode()
    await fakes.stopLast()
    const err = await rejection(createAlipayLogin(cfg).exchange(code))
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('network')
  })

  it('refuses to call out without keys (configuration error)', async () => {
    const login = createAlipayLogin({ gateway: 'http://127.0.0.1:1/gateway.do', appId: APP_ID, privateKey: '', alipayPublicKey: '' })
    const err = await rejection(login.exchange('abc'))
    expect(err.code).toBe('PLATFORM_CONFIG')
    expect(err.message).toBe('平台登录配置有误，请联系管理员')
  })

  it('issues codes over HTTP: POST /__issue', async () => {
    const { fake, login } = await setup()
    const res = await fetch(`${fake.url}/__issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: '2088000055556666' })
    })
    const issued = (await res.json()) as { code: string; userId: string }
    expect(issued.userId).toBe('2088000055556666')
    expect(await login.exchange(issued.code)).toEqual({ platformUserId: '2088000055556666' })
  })
})

describe('Alipay login adapter: replies with a repeated key (JSON.parse keeps the last copy)', () => {
  const KEY = 'alipay_system_oauth_token_response'
  const GENUINE = '2088000011110000'
  const FORGED = '2088999999999999'
  const signed = (node: string) => rsa2Sign(node, keys.other.privateKey)

  /** Logs in against a gateway that answers `text`, signed replies verified with keys.other. */
  const exchangeWith = (text: string) =>
    withStandIn(gatewayAnswering(text), (url) =>
      standInLogin(url)
        .exchange('any-code')
        .then(
          (value) => ({ ok: true as const, value }),
          (err: unknown) => ({ ok: false as const, err })
        )
    )

  async function expectRefused(text: string) {
    const outcome = await exchangeWith(text)
    expect(outcome).toMatchObject({ ok: false })
    if (outcome.ok) return
    expect(outcome.err).toBeInstanceOf(PlatformLoginError)
    const err = outcome.err as PlatformLoginError
    expect(err.code).toBe('PLATFORM_UNAVAILABLE')
    expect(err.platformCode).toBe('invalid-response-sign')
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(FORGED)
  }

  it('refuses a second copy of the response node next to a correctly signed first copy', async () => {
    const genuine = `{"user_id":"${GENUINE}","expires_in":"1296000"}`
    const forged = `{"user_id":"${FORGED}","expires_in":"1296000"}`
    await expectRefused(`{"${KEY}":${genuine},"sign":"${signed(genuine)}","${KEY}":${forged}}`)
    await expectRefused(`{"${KEY}":${genuine},"${KEY}":${forged},"sign":"${signed(genuine)}"}`)
  })

  it('refuses a signed node that repeats a key inside, at any depth or spelled with escapes', async () => {
    for (const node of [
      `{"user_id":"${GENUINE}","user_id":"${FORGED}"}`,
      `{"user_id":"${GENUINE}","user\\u005fid":"${FORGED}"}`,
      `{"user_id":"${GENUINE}","extra":{"k":[{"a":1,"a":2}]}}`
    ]) {
      await expectRefused(`{"${KEY}":${node},"sign":"${signed(node)}"}`)
    }
  })

  it('refuses a repeated sign', async () => {
    const node = `{"user_id":"${GENUINE}"}`
    await expectRefused(`{"${KEY}":${node},"sign":"bm90LWEtc2lnbmF0dXJl","sign":"${signed(node)}"}`)
    await expectRefused(`{"${KEY}":${node},"sign":"${signed(node)}","sign":"bm90LWEtc2lnbmF0dXJl"}`)
  })

  it('still accepts a normal signed reply, and maps an unsigned error reply', async () => {
    const node = `{"user_id":"${GENUINE}","open_id":"o-1","union_id":"u-1","extra":{"user_id":"nested is another object"}}`
    expect(await exchangeWith(`{"${KEY}":${node},"sign":"${signed(node)}"}`)).toEqual({
      ok: true,
      value: { platformUserId: GENUINE, unionId: 'u-1' }
    })
    const error = await exchangeWith('{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.code-invalid","sub_msg":"授权码code无效"}}')
    expect(error).toMatchObject({ ok: false, err: { code: 'PLATFORM_CODE_INVALID', platformCode: 'isv.code-invalid' } })
  })
})
