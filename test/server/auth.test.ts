import { PassThrough } from 'node:stream'
import { startTestServer, type TestServer } from '../support/app'
import { APP_URL, loginAtProvider, signInH5, signInMiniProgram, startCookies } from '../support/sign-in'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const me = (headers: Record<string, string>) => s.app.inject({ url: '/api/auth/me', headers })
/** Session and CSRF cookies an answer sets (clearing the sign-in state cookie is not one). */
const sessionCookies = (res: { cookies: Array<{ name: string; value: string }> }) =>
  res.cookies.filter((c) => c.name !== 'sign_in_state').map((c) => c.name)

describe('H5 sign-in through the government identity provider (OIDC code + PKCE)', () => {
  it('redirects to the provider with state, nonce and an S256 code challenge', async () => {
    const res = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    expect(res.statusCode).toBe(302)
    const url = new URL(String(res.headers.location))
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('nonce')).toBeTruthy()
    expect(url.searchParams.get('redirect_uri')).toBe(`${APP_URL}/api/auth/oidc/callback`)
  })

  it('signs a new enterprise user in, sets httpOnly cookie, and fills the profile from the identity', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5&returnTo=/pages/profile/index' })
    const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
    const cb = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    expect(cb.statusCode).toBe(302)
    expect(cb.headers.location).toBe('/#/pages/profile/index')
    const setCookie = ([] as string[]).concat(cb.headers['set-cookie'] as string[])
    const sid = setCookie.find((c) => c.startsWith('sid='))!
    expect(sid).toMatch(/HttpOnly/)
    expect(sid).toMatch(/SameSite=Lax/)
    expect(setCookie.find((c) => c.startsWith('csrf_token='))).not.toMatch(/HttpOnly/)

    const cookie = setCookie.map((c) => c.split(';')[0]).join('; ')
    const res = await me({ cookie })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.user).toMatchObject({ role: 'enterprise', displayName: '张明', recommenderUnit: null })
    expect(body.profile).toEqual({
      enterpriseName: '重庆智芯微电子有限公司',
      creditCode: '91500108576231840F',
      contactName: '张明',
      mobile: '',
      unitType: 'enterprise'
    })
    expect(body.profileIncomplete).toBe(true)
    expect(typeof body.csrfToken).toBe('string')
  })

  it('ignores a returnTo that is not an app page (no open redirect)', async () => {
    const { location } = await signInH5(s.app, 'ent-zhixin', 'https://evil.example/')
    expect(location).toBe('/#/pages/index/index')
  })

  it('signs a recommender in with its unit', async () => {
    const { cookie } = await signInH5(s.app, 'rec-liangjiang')
    const body = (await me({ cookie })).json()
    expect(body.user).toMatchObject({ role: 'recommender', recommenderUnit: 'liangjiang' })
    expect(body.profileIncomplete).toBe(false)
  })

  it('makes a legal-person identity an enterprise without any role claim, its credit code upper-cased', async () => {
    const { cookie } = await signInH5(s.app, 'ent-norole')
    const body = (await me({ cookie })).json()
    expect(body.user).toMatchObject({ role: 'enterprise', displayName: '孙伟' })
    expect(body.profile).toMatchObject({ enterpriseName: '重庆两江智造科技有限公司', creditCode: '91500000MA60J8K3XB', unitType: '' })
  })

  it.each([
    ['a natural person (个人) account', 'person-zhou', '个人账号'],
    ['a natural person whose provider also claims the enterprise role', 'person-says-enterprise', '个人账号'],
    ['a legal-person account whose credit code fails its check character', 'ent-badcode', '统一社会信用代码']
  ])('refuses %s the enterprise role: 403 LEGAL_PERSON_REQUIRED, no session, no user', async (_what, account, says) => {
    const users = async () => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0].n
    const before = await users()
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const back = await loginAtProvider(String(start.headers.location), account)
    const cb = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    expect(cb.statusCode).toBe(403)
    expect(cb.headers['x-error-code']).toBe('LEGAL_PERSON_REQUIRED')
    expect(cb.body).toContain(says)
    expect(sessionCookies(cb)).toEqual([])
    expect(await users()).toBe(before)
  })

  it('takes the unit’s name and code from the identity at every sign-in, over anything stored before', async () => {
    const first = await signInH5(s.app, 'ent-shancheng')
    const [user] = await s.db.query<{ id: string }>(`SELECT user_id AS id FROM profiles WHERE credit_code = '91500000MA5U7G3K1E'`)
    await s.db.query(`UPDATE profiles SET enterprise_name = '改过的名称', credit_code = '' WHERE user_id = $1`, [user.id])
    expect((await me({ cookie: first.cookie })).json().profile.enterpriseName).toBe('改过的名称')
    const again = await signInH5(s.app, 'ent-shancheng')
    expect((await me({ cookie: again.cookie })).json().profile).toMatchObject({ enterpriseName: '重庆山城生物医药股份有限公司', creditCode: '91500000MA5U7G3K1E' })
  })

  it('rejects a callback with a state it never issued', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const back = new URL(await loginAtProvider(String(start.headers.location), 'ent-zhixin'))
    back.searchParams.set('state', 'forged-state')
    const cb = await s.app.inject({ url: back.pathname + back.search, cookies: { sign_in_state: 'forged-state' } })
    expect(cb.statusCode).toBe(400)
    expect(cb.headers['x-error-code']).toBe('AUTH_STATE_INVALID')
    expect(cb.body).toContain('登录请求无效或已过期')
    expect(sessionCookies(cb)).toEqual([])
  })

  it('refuses a callback opened in another browser than the one that started the sign-in (login CSRF)', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const stateCookie = ([] as string[]).concat(start.headers['set-cookie'] as string[]).find((c) => c.startsWith('sign_in_state='))!
    for (const flag of [/; HttpOnly/, /; SameSite=Lax/, /; Path=\/api\/auth\/oidc\/callback/, /; Max-Age=600/]) expect(stateCookie).toMatch(flag)
    const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
    // the attacker's finished sign-in, opened in the victim's browser: no cookie, or the victim's own
    for (const cookies of [{}, { sign_in_state: 'state-of-the-victims-own-sign-in' }] as Array<Record<string, string>>) {
      const victim = await s.app.inject({ url: back.slice(APP_URL.length), cookies })
      expect(victim.statusCode).toBe(400)
      expect(victim.headers['x-error-code']).toBe('AUTH_BROWSER_MISMATCH')
      expect(victim.body).toContain('不是在本浏览器中发起的')
      expect(sessionCookies(victim)).toEqual([])
    }
    // the browser that started it still finishes it
    expect((await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })).statusCode).toBe(302)
  })

  it('rejects a replayed callback (each state is used once)', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
    expect((await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })).statusCode).toBe(302)
    const again = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    expect(again.statusCode).toBe(400)
    expect(again.headers['x-error-code']).toBe('AUTH_STATE_INVALID')
  })

  it('rejects an ID token whose nonce does not match the one sent', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const state = new URL(String(start.headers.location)).searchParams.get('state')
    await s.db.query(`UPDATE auth_requests SET nonce = 'some-other-nonce' WHERE state = $1`, [state])
    const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
    const cb = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    expect(cb.statusCode).toBe(400)
    expect(cb.headers['x-error-code']).toBe('SIGN_IN_FAILED')
    expect(sessionCookies(cb)).toEqual([])
  })

  it('rejects a code exchanged with the wrong PKCE verifier', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const state = new URL(String(start.headers.location)).searchParams.get('state')
    await s.db.query(`UPDATE auth_requests SET code_verifier = $2 WHERE state = $1`, [state, 'x'.repeat(43)])
    const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
    const cb = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    expect(cb.statusCode).toBe(400)
    expect(cb.headers['x-error-code']).toBe('SIGN_IN_FAILED')
  })

  it('shows a clear page when the person declines at the provider', async () => {
    const cb = await s.app.inject({ url: '/api/auth/oidc/callback?error=access_denied&state=x' })
    expect(cb.statusCode).toBe(400)
    expect(cb.headers['x-error-code']).toBe('SIGN_IN_CANCELLED')
  })
})

describe('sessions', () => {
  it('answers a visitor (no session presented) null, and a session it does not know 401 in Chinese', async () => {
    const visitor = await me({})
    expect([visitor.statusCode, visitor.body, visitor.headers['cache-control']]).toEqual([200, 'null', 'no-store'])
    for (const headers of [{ cookie: 'sid=not-a-session' }, { authorization: 'Bearer not-a-session' }] as Array<Record<string, string>>) {
      const res = await me(headers)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' })
    }
  })

  it('stores only a hash of the token', async () => {
    const { cookie } = await signInH5(s.app, 'ent-zhixin')
    const token = /sid=([^;]+)/.exec(cookie)![1]
    const rows = await s.db.query('SELECT 1 FROM sessions WHERE token_hash = $1', [token])
    expect(rows).toHaveLength(0)
  })

  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const { cookie, csrfToken } = await signInH5(s.app, 'ent-zhixin')
    const logout = (headers: Record<string, string>) => s.app.inject({ method: 'POST', url: '/api/auth/logout', headers })
    const refused = await logout({ cookie })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('CSRF_FAILED')
    expect((await me({ cookie })).statusCode).toBe(200)
    expect((await logout({ cookie, 'x-csrf-token': csrfToken })).statusCode).toBe(204)
  })

  it('is revoked by sign-out', async () => {
    const { cookie, csrfToken } = await signInH5(s.app, 'ent-zhixin')
    expect((await me({ cookie })).statusCode).toBe(200)
    const out = await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })
    // The browser drops both cookies; a copy of the token kept elsewhere no longer works either.
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] as string[])
    expect(cleared.map((c) => c.split('=')[0]).sort()).toEqual(['csrf_token', 'sid'])
    for (const c of cleared) expect(c).toMatch(/Expires=Thu, 01 Jan 1970/)
    expect((await me({ cookie })).statusCode).toBe(401)
  })

  it('expires after its lifetime, by the server clock', async () => {
    const { cookie } = await signInH5(s.app, 'ent-zhixin')
    const saved = s.clock.now
    s.clock.now += 7 * 24 * 3_600_000 - 1
    expect((await me({ cookie })).statusCode).toBe(200)
    s.clock.now += 1
    expect((await me({ cookie })).statusCode).toBe(401)
    s.clock.now = saved
  })
})

describe('mini-program sign-in: web-view hand-off, bearer token, platform binding', () => {
  it('hands the sign-in back to the app once, and the bearer token needs no CSRF token', async () => {
    const start = await s.app.inject({ url: '/api/auth/oidc/start?client=mp' })
    const back = await loginAtProvider(String(start.headers.location), 'ent-shancheng')
    const page = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('wx.miniProgram.redirectTo')
    expect(sessionCookies(page)).toEqual([])
    const code = decodeURIComponent(/handoff=([^"&]+)/.exec(page.body)![1])
    const first = await s.app.inject({ method: 'POST', url: '/api/auth/handoff', payload: { code } })
    expect(first.statusCode).toBe(200)
    const again = await s.app.inject({ method: 'POST', url: '/api/auth/handoff', payload: { code } })
    expect(again.statusCode).toBe(400)
    expect(again.json().code).toBe('HANDOFF_INVALID')

    const auth = { authorization: `Bearer ${first.json().token}` }
    expect((await me(auth)).json().user.displayName).toBe('李华')
    expect((await me(auth)).json().csrfToken).toBeUndefined()
  })

  it('binds the WeChat openid from a wx.login code, through code2Session', async () => {
    const token = await signInMiniProgram(s.app, 'ent-zhixin')
    const code = s.wechat.issueCode('o-wechat-user-1')
    const bind = (c: string) =>
      s.app.inject({ method: 'POST', url: '/api/auth/platform-bind', headers: { authorization: `Bearer ${token}` }, payload: { platform: 'weapp', code: c } })
    expect((await bind(code)).json()).toEqual({ bound: true })
    const rows = await s.db.query<{ platform_user_id: string }>(
      `SELECT b.platform_user_id FROM platform_bindings b JOIN users u ON u.id = b.user_id WHERE u.subject = 'ent-zhixin' AND b.platform = 'weapp'`
    )
    expect(rows.map((r) => r.platform_user_id)).toEqual(['o-wechat-user-1'])
    const reused = await bind(code)
    expect(reused.statusCode).toBe(400)
    expect(reused.json().code).toBe('PLATFORM_CODE_INVALID')
  })

  // templatemessage.send addresses to_user_id (2088…), so the user id is what we keep when both come.
  it('binds the Alipay user from an auth code, through alipay.system.oauth.token', async () => {
    const token = await signInMiniProgram(s.app, 'ent-shancheng')
    const issued = s.alipay.issueCode()
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/auth/platform-bind',
      headers: { authorization: `Bearer ${token}` },
      payload: { platform: 'alipay', code: issued.code }
    })
    expect(res.json()).toEqual({ bound: true })
    const rows = await s.db.query<{ platform_user_id: string }>(
      `SELECT platform_user_id FROM platform_bindings WHERE platform = 'alipay'`
    )
    expect(rows.map((r) => r.platform_user_id)).toContain(issued.userId)
  })

  it('needs a session and a known platform', async () => {
    const anon = await s.app.inject({ method: 'POST', url: '/api/auth/platform-bind', payload: { platform: 'weapp', code: 'x' } })
    expect(anon.statusCode).toBe(401)
    const token = await signInMiniProgram(s.app, 'ent-zhixin')
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/auth/platform-bind',
      headers: { authorization: `Bearer ${token}` },
      payload: { platform: 'qq', code: 'x' }
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().field).toBe('platform')
  })
})

describe('over https (PUBLIC_URL https://…)', () => {
  let secure: TestServer
  beforeAll(async () => {
    secure = await startTestServer({ env: { PUBLIC_URL: 'https://app.test' } })
  }, 120_000)
  afterAll(() => secure?.close())

  it('marks both cookies Secure, the session cookie httpOnly and SameSite, and sends the security headers', async () => {
    const start = await secure.app.inject({ url: '/api/auth/oidc/start?client=h5' })
    const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
    const cb = await secure.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
    const setCookie = ([] as string[]).concat(cb.headers['set-cookie'] as string[])
    const sid = setCookie.find((c) => c.startsWith('sid='))!
    const csrf = setCookie.find((c) => c.startsWith('csrf_token='))!
    for (const flag of [/; Secure/, /; HttpOnly/, /; SameSite=Lax/]) expect(sid).toMatch(flag)
    expect(csrf).toMatch(/; Secure/)
    expect(cb.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    expect(cb.headers['content-security-policy']).toContain('upgrade-insecure-requests')
    expect(cb.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('logs', () => {
  it('say why a sign-in failed without the ID token, the code or the state', async () => {
    const lines: string[] = []
    const logStream = new PassThrough()
    logStream.on('data', (chunk) => lines.push(String(chunk)))
    const logged = await startTestServer({ logStream })
    try {
      const start = await logged.app.inject({ url: '/api/auth/oidc/start?client=h5' })
      const state = new URL(String(start.headers.location)).searchParams.get('state')!
      // a nonce that does not match: openid-client's error carries the whole ID token
      await logged.db.query(`UPDATE auth_requests SET nonce = 'some-other-nonce' WHERE state = $1`, [state])
      const back = await loginAtProvider(String(start.headers.location), 'ent-zhixin')
      const code = new URL(back).searchParams.get('code')!
      const cb = await logged.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
      expect(cb.headers['x-error-code']).toBe('SIGN_IN_FAILED')
      const log = lines.join('')
      expect(log).toContain('sign-in failed')
      expect(log).toContain('nonce mismatch')
      expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+\./) // no JWT
      expect(log).not.toContain(code)
      expect(log).not.toContain(state)
      expect(log).not.toContain('91500108576231840F') // the enterprise's credit code in the token's claims
    } finally {
      await logged.close()
    }
  })
})
