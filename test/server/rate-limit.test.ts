import { startTestServer, type TestServer } from '../support/app'
import { APP_URL, loginAtProvider, signInH5 } from '../support/sign-in'

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
    const cb = await s.app.inject({ url: back.slice(APP_URL.length) })
    expect(cb.statusCode).toBe(429)
    expect(cb.headers['x-error-code']).toBe('RATE_LIMITED')
    expect(cb.headers['set-cookie']).toBeUndefined()
    // another account still signs in
    await expect(signInH5(s.app, 'ent-zhixin')).resolves.toMatchObject({ csrfToken: expect.any(String) })
  })
})
