import { startTestServer, type TestServer } from '../support/app'
import { APP_URL, loginAtProvider, signInH5, startCookies } from '../support/sign-in'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ env: { SIGN_IN_MAX_PER_ADDRESS: '5', SIGN_IN_MAX_PER_ACCOUNT: '2' } })
})
afterAll(() => s.close())

const start = (ip: string) => s.app.inject({ url: '/api/auth/oidc/start?client=h5', remoteAddress: ip })

describe('sign-in rate limits (shared by every server process through PostgreSQL)', () => {
  it('limits sign-in attempts per address, and the next window opens again', async () => {
    for (let i = 0; i < 5; i++) expect((await start('203.0.113.7')).statusCode).toBe(302)
    const sixth = await start('203.0.113.7')
    expect(sixth.statusCode).toBe(429)
    expect(sixth.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请\d+分钟后再试$/) })
    expect((await start('198.51.100.9')).statusCode).toBe(302) // another address is not affected
    s.clock.now += 10 * 60_000
    expect((await start('203.0.113.7')).statusCode).toBe(302)
  })

  it('limits completed sign-ins per government account', async () => {
    await signInH5(s.app, 'ent-shancheng')
    await signInH5(s.app, 'ent-shancheng')
    const begin = await start('192.0.2.1')
    const back = await loginAtProvider(String(begin.headers.location), 'ent-shancheng')
    const cb = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(begin) })
    expect(cb.statusCode).toBe(429)
    expect(cb.headers['x-error-code']).toBe('RATE_LIMITED')
    expect(cb.cookies.map((c) => c.name).filter((n) => n !== 'sign_in_state')).toEqual([])
    // another account still signs in
    await expect(signInH5(s.app, 'ent-zhixin')).resolves.toMatchObject({ csrfToken: expect.any(String) })
  })

  it('believes no X-Forwarded-For unless the operator names the proxy (TRUST_PROXY)', async () => {
    // straight from the Internet: whatever the header says, it is one client
    const forged = (xff: string) =>
      s.app.inject({ url: '/api/auth/oidc/start?client=h5', remoteAddress: '203.0.113.50', headers: { 'x-forwarded-for': xff } })
    const answers = []
    for (let i = 0; i < 6; i++) answers.push((await forged(`198.51.100.${i + 10}`)).statusCode)
    expect(answers).toEqual([302, 302, 302, 302, 302, 429])

    // behind an nginx on this machine (TRUST_PROXY=loopback): the address nginx appended is the client's
    const proxied = await startTestServer({ env: { SIGN_IN_MAX_PER_ADDRESS: '2', TRUST_PROXY: 'loopback' } })
    try {
      const via = (xff: string) => proxied.app.inject({ url: '/api/auth/oidc/start?client=h5', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': xff } })
      // a client's own forged entry comes first; only the last one, nginx's, is believed
      const spoofing = []
      for (let i = 0; i < 3; i++) spoofing.push((await via(`10.9.9.${i}, 203.0.113.77`)).statusCode)
      expect(spoofing).toEqual([302, 302, 429])
      expect((await via('203.0.113.78')).statusCode).toBe(302)
    } finally {
      await proxied.close()
    }
  })
})
