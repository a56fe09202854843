import { loadConfig } from '../../server/config'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { multipart } from '../support/multipart'
import { APP_URL, loginAtProvider, signInH5, startCookies, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'

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

describe('per-person limits on uploads, thread posts and push consents', () => {
  let t: TestServer
  let zhixin: SignedIn
  let shancheng: SignedIn
  const demands = new Map<SignedIn, string>()
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  const as = (who: SignedIn) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken })

  /** A submitted demand (so it has a thread with its unit). */
  async function submitted(who: SignedIn, account: keyof typeof DEMO_PROFILES): Promise<string> {
    await t.app.inject({ method: 'PUT', url: '/api/profile', headers: as(who), payload: DEMO_PROFILES[account] })
    const d = (await t.app.inject({ method: 'POST', url: '/api/campaigns/cq-2026-key-areas/demands', headers: as(who) })).json()
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/demands/${d.id}/draft`,
      headers: as(who),
      payload: { baseVersion: d.version, answers: completeAnswers('cq-2026-key-areas'), currentStep: d.currentStep }
    })
    const res = await t.app.inject({ method: 'POST', url: `/api/demands/${d.id}/submit`, headers: as(who), payload: { baseVersion: saved.json().version } })
    expect(res.statusCode).toBe(200)
    return d.id
  }

  const upload = (who: SignedIn) => {
    const form = multipart([{ field: 'file', filename: '材料.pdf', content: pdf }])
    return t.app.inject({
      method: 'POST',
      url: `/api/demands/${demands.get(who)}/attachments?field=attachments`,
      headers: { ...as(who), 'content-type': form.contentType },
      payload: form.body
    })
  }
  const post = (who: SignedIn) =>
    t.app.inject({ method: 'POST', url: `/api/demands/${demands.get(who)}/thread`, headers: as(who), payload: { body: '请问进展如何？' } })
  const consent = (who: SignedIn) =>
    t.app.inject({ method: 'POST', url: '/api/push/consents', headers: as(who), payload: { platform: 'weapp', results: { 'dev-wx-reminder': 'accept' } } })

  beforeAll(async () => {
    t = await startTestServer({ env: { UPLOAD_MAX_PER_USER: '3', THREAD_POST_MAX_PER_USER: '2', PUSH_CONSENT_MAX_PER_USER: '2' } })
    zhixin = await signInH5(t.app, 'ent-zhixin')
    shancheng = await signInH5(t.app, 'ent-shancheng')
    demands.set(zhixin, await submitted(zhixin, 'ent-zhixin'))
    demands.set(shancheng, await submitted(shancheng, 'ent-shancheng'))
  }, 120_000)
  afterAll(() => t?.close())

  it.each([
    ['uploads', 3, 201, upload],
    ['thread posts', 2, 201, post],
    ['push consents', 2, 200, consent]
  ] as const)('limits %s per person: 429 after %i, another person unaffected, the next window open again', async (_what, max, ok, send) => {
    const statuses = []
    for (let i = 0; i < max; i++) statuses.push((await send(zhixin)).statusCode)
    expect(statuses).toEqual(Array(max).fill(ok))
    const over = await send(zhixin)
    expect(over.statusCode).toBe(429)
    expect(over.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请\d+分钟后再试$/) })
    expect((await send(shancheng)).statusCode).toBe(ok) // another person is not affected
    t.clock.now += 10 * 60_000
    expect((await send(zhixin)).statusCode).toBe(ok)
  })

  it('stores nothing for a refused upload or post', async () => {
    const count = async () => {
      const [row] = await t.db.query<{ files: number; posts: number }>(
        'SELECT (SELECT count(*)::int FROM attachments) AS files, (SELECT count(*)::int FROM thread_messages) AS posts'
      )
      return row
    }
    for (let i = 0; i < 3; i++) await upload(zhixin)
    for (let i = 0; i < 2; i++) await post(zhixin)
    const before = await count()
    expect((await upload(zhixin)).statusCode).toBe(429)
    expect((await post(zhixin)).statusCode).toBe(429)
    expect(await count()).toEqual(before)
  })
})

describe('the limits’ settings', () => {
  it('reads them from the environment (10-minute windows), refusing a value that would switch one off', () => {
    const defaults = loadConfig({})
    expect(defaults.userLimits).toEqual({
      uploads: { max: 60, windowMs: 600_000 },
      threadPosts: { max: 30, windowMs: 600_000 },
      pushConsents: { max: 30, windowMs: 600_000 }
    })
    expect(defaults.uploadMaxBytesPerDemand).toBe(100 * 1024 * 1024)
    expect(loadConfig({ UPLOAD_MAX_PER_USER: '5', UPLOAD_MAX_BYTES_PER_DEMAND: '1048576' })).toMatchObject({
      userLimits: { uploads: { max: 5 } },
      uploadMaxBytesPerDemand: 1048576
    })
    for (const bad of ['abc', '0', '-1', '1e3', '10 MB']) {
      expect(() => loadConfig({ THREAD_POST_MAX_PER_USER: bad })).toThrow('THREAD_POST_MAX_PER_USER 应为正整数')
    }
  })
})
