/**
 * Agreements and personal-data rights: consent recorded at sign-in with its version, the gate
 * that asks again (403 CONSENT_REQUIRED), the export, and 注销 — what it erases, what it keeps,
 * that it acts on the caller only, cannot be replayed and is refused to reviewers.
 */
import { AGREEMENTS, agreementsParam } from '../../types/agreements'
import { startTestServer, type TestServer } from '../support/app'
import { APP_URL, loginAtProvider, signInH5, signInMiniProgram, startCookies, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'

const XJ = 'xj-2023-major-demands-demo' // its definition has phone fields (联系电话, 办公电话)
let s: TestServer

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
})
afterAll(() => s.close())

const headersOf = (who: SignedIn) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken })
const call = (who: SignedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  s.app.inject({ method, url, headers: who ? headersOf(who) : {}, ...(payload ? { payload } : {}) })

/** An H5 sign-in whose start carries `agree` as given (none: the box was not ticked). */
async function signInWith(account: string, agree?: string): Promise<SignedIn> {
  const start = await s.app.inject({ url: `/api/auth/oidc/start?client=h5${agree === undefined ? '' : `&agree=${encodeURIComponent(agree)}`}` })
  const back = await loginAtProvider(String(start.headers.location), account)
  const cb = await s.app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
  const cookies = cb.cookies as Array<{ name: string; value: string }>
  const csrf = cookies.find((c) => c.name === 'csrf_token')!.value
  return { cookie: `sid=${cookies.find((c) => c.name === 'sid')!.value}; csrf_token=${csrf}`, csrfToken: csrf, location: String(cb.headers.location) }
}

async function submit(who: SignedIn, answers: object): Promise<string> {
  const d = (await call(who, 'POST', `/api/campaigns/${XJ}/demands`)).json()
  const saved = await call(who, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: d.currentStep })
  const res = await call(who, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.json().version })
  expect(res.statusCode).toBe(200)
  return d.id
}

async function userIdOf(who: SignedIn): Promise<string> {
  return (await call(who, 'GET', '/api/auth/me')).json().user.id
}

describe('consent', () => {
  it('is recorded at sign-in with each agreement’s version and the server’s time', async () => {
    const who = await signInWith('ent-zhixin', agreementsParam())
    const res = await call(who, 'GET', '/api/account/consents')
    expect(res.statusCode).toBe(200)
    expect(res.json().missing).toEqual([])
    const agreedAt = new Date(s.clock.now).toISOString()
    expect(res.json().consents).toEqual(
      expect.arrayContaining(AGREEMENTS.map((a) => ({ document: a.id, version: a.version, agreedAt })))
    )
    expect((await call(who, 'GET', '/api/profile')).statusCode).toBe(200)
  })

  it('without the box ticked, the session may sign out and agree, and nothing else until it agrees', async () => {
    const who = await signInWith('ent-shancheng')
    const refused = await call(who, 'GET', '/api/profile')
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'CONSENT_REQUIRED'])
    expect(refused.json().message).toBe('请先阅读并同意《用户服务协议》和《隐私政策》后继续使用')
    expect((await call(who, 'GET', '/api/demands')).json().code).toBe('CONSENT_REQUIRED')
    expect((await call(who, 'GET', '/api/auth/me')).statusCode).toBe(200)
    expect((await call(who, 'GET', '/api/account/consents')).json().missing.map((a: { id: string }) => a.id)).toEqual(['terms', 'privacy'])

    const stale = await call(who, 'POST', '/api/account/consents', { agreements: [{ id: 'terms', version: '2020-01-01' }] })
    expect([stale.statusCode, stale.json().code]).toEqual([400, 'AGREEMENT_OUTDATED'])
    const agreed = await call(who, 'POST', '/api/account/consents', { agreements: AGREEMENTS.map(({ id, version }) => ({ id, version })) })
    expect(agreed.statusCode).toBe(200)
    expect(agreed.json().missing).toEqual([])
    expect((await call(who, 'GET', '/api/profile')).statusCode).toBe(200)
  })

  it('a new version of an agreement asks again', async () => {
    const who = await signInWith('ent-zhixin', agreementsParam())
    const id = await userIdOf(who)
    // as if the person had agreed to an earlier privacy policy only
    await s.db.query("UPDATE consents SET version = '2025-01-01' WHERE user_id = $1 AND document = 'privacy'", [id])
    const refused = await call(who, 'GET', '/api/profile')
    expect([refused.statusCode, refused.json().code, refused.json().message]).toEqual([403, 'CONSENT_REQUIRED', '请先阅读并同意《隐私政策》后继续使用'])
    await call(who, 'POST', '/api/account/consents', { agreements: [{ id: 'privacy', version: AGREEMENTS[1].version }] })
    expect((await call(who, 'GET', '/api/profile')).statusCode).toBe(200)
    const audit = await s.db.query<{ detail: { document: string } }>("SELECT detail FROM account_audit WHERE user_id = $1 AND action = 'consent'", [id])
    expect(audit.map((r) => r.detail.document).sort()).toEqual(['privacy', 'privacy', 'terms'])
  })

  it('a visitor is not asked', async () => {
    expect((await call(null, 'GET', '/api/campaigns')).statusCode).toBe(200)
  })
})

describe('the account routes', () => {
  it('need a session, and cookie sessions their CSRF token', async () => {
    for (const [method, url] of [
      ['GET', '/api/account/consents'],
      ['POST', '/api/account/consents'],
      ['GET', '/api/account/export'],
      ['POST', '/api/account/delete']
    ] as const) {
      const payload = url.endsWith('consents') ? { agreements: [{ id: 'terms', version: AGREEMENTS[0].version }] } : { confirm: '注销' }
      const res = await s.app.inject({ method, url, ...(method === 'POST' ? { payload } : {}) })
      expect([url, res.statusCode, res.json().code]).toEqual([url, 401, 'UNAUTHENTICATED'])
    }
    const who = await signInH5(s.app, 'ent-zhixin')
    const noCsrf = await s.app.inject({ method: 'POST', url: '/api/account/delete', headers: { cookie: who.cookie }, payload: { confirm: '注销' } })
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'CSRF_FAILED'])
    expect((await call(who, 'GET', '/api/profile')).statusCode).toBe(200) // still there
  })
})

describe('export and 注销 of an enterprise account', () => {
  let zhixin: SignedIn
  let shancheng: SignedIn
  let zhixinId: string
  let submitted: string
  let draft: string
  let others: string
  const answers = completeAnswers('xj-2023-major-demands')

  beforeAll(async () => {
    zhixin = await signInH5(s.app, 'ent-zhixin')
    shancheng = await signInH5(s.app, 'ent-shancheng')
    zhixinId = await userIdOf(zhixin)
    for (const [who, contact] of [
      [zhixin, { contactName: '张明', mobile: '13800138000', unitType: 'enterprise' }],
      [shancheng, { contactName: '李华', mobile: '13900139000', unitType: 'large_enterprise' }]
    ] as const)
      expect((await call(who, 'PUT', '/api/profile', contact)).statusCode).toBe(200)
    submitted = await submit(zhixin, answers)
    others = await submit(shancheng, answers)
    draft = (await call(zhixin, 'POST', `/api/campaigns/${XJ}/demands`)).json().id
    // a thread message from the enterprise, a WeChat binding (a mini-program session of the same person)
    expect((await call(zhixin, 'POST', `/api/demands/${submitted}/thread`, { body: '请问何时评审？' })).statusCode).toBe(201)
    const token = await signInMiniProgram(s.app, 'ent-zhixin')
    const bind = await s.app.inject({
      method: 'POST',
      url: '/api/auth/platform-bind',
      headers: { authorization: `Bearer ${token}` },
      payload: { platform: 'weapp', code: s.wechat.issueCode('o-zhixin-openid') }
    })
    expect(bind.statusCode).toBe(200)
  })

  it('exports profile, demands with versions, thread, consents and platform bindings as a JSON file', async () => {
    const res = await call(zhixin, 'GET', '/api/account/export')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('我的数据-2025-07-08.json')}`)
    const data = res.json()
    expect(data.profile).toMatchObject({ enterpriseName: '重庆智芯微电子有限公司', contactName: '张明', mobile: '13800138000' })
    expect(data.demands.map((d: { id: string }) => d.id).sort()).toEqual([submitted, draft].sort())
    const mine = data.demands.find((d: { id: string }) => d.id === submitted)
    expect(mine.versions).toHaveLength(1)
    expect(mine.versions[0].answers.leadPhone).toBe('13899812345')
    expect(mine.versions[0].profile.contactName).toBe('张明')
    expect(mine.thread).toEqual([expect.objectContaining({ mine: true, body: '请问何时评审？' })])
    // every version agreed to, the earlier privacy policy of the test above included
    expect(data.consents).toEqual(expect.arrayContaining(AGREEMENTS.map((a) => expect.objectContaining({ document: a.id, version: a.version }))))
    expect(data.consents).toContainEqual(expect.objectContaining({ document: 'privacy', version: '2025-01-01' }))
    expect(data.platformBindings).toEqual([expect.objectContaining({ platform: 'weapp', platformUserId: 'o-zhixin-openid' })])
    expect(Object.keys(data).sort()).toEqual(
      ['account', 'consents', 'demands', 'exportedAt', 'messages', 'notificationSettings', 'platformBindings', 'profile', 'pushConsents'].sort()
    )
    expect(JSON.stringify(data)).not.toContain('李华') // nothing of the other enterprise
  })

  it('refuses 注销 without the typed confirmation', async () => {
    const res = await call(zhixin, 'POST', '/api/account/delete', { confirm: '删除' })
    expect([res.statusCode, res.json().code]).toEqual([400, 'CONFIRMATION_REQUIRED'])
    expect((await call(zhixin, 'GET', '/api/profile')).statusCode).toBe(200)
  })

  it('refuses 注销 to a recommending unit and to the bureau', async () => {
    for (const account of ['rec-liangjiang', 'bureau-cq']) {
      const who = await signInH5(s.app, account)
      const res = await call(who, 'POST', '/api/account/delete', { confirm: '注销' })
      expect([account, res.statusCode, res.json().code]).toEqual([account, 403, 'ACCOUNT_DELETION_NOT_SELF_SERVICE'])
      expect((await call(who, 'GET', '/api/auth/me')).statusCode).toBe(200)
    }
  })

  it('erases drafts, the profile, bindings and sessions; pseudonymises the contact in submitted demands; keeps them', async () => {
    const res = await call(zhixin, 'POST', '/api/account/delete', { confirm: ' 注销 ' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ deleted: true, draftsDeleted: 1, demandsPseudonymised: 1, platformBindingsRemoved: 1 })
    expect(res.json().sessionsRevoked).toBeGreaterThanOrEqual(2)

    expect(await s.db.query('SELECT 1 FROM demands WHERE id = $1', [draft])).toEqual([])
    // the erased draft's audit rows go with it (its creation was logged); the kept demand's stay
    expect(await s.db.query('SELECT 1 FROM audit_log WHERE demand_id = $1', [draft])).toEqual([])
    expect((await s.db.query('SELECT 1 FROM audit_log WHERE demand_id = $1', [submitted])).length).toBeGreaterThan(0)
    const [kept] = await s.db.query<{ status: string; answers: Record<string, unknown> }>('SELECT status, answers FROM demands WHERE id = $1', [submitted])
    expect(kept.status).toBe('submitted')
    expect(kept.answers.projectName).toBe(answers.projectName)
    for (const phone of ['leadPhone', 'officePhone']) expect(kept.answers).not.toHaveProperty(phone)
    const [version] = await s.db.query<{ answers: Record<string, unknown>; profile: Record<string, string> }>(
      'SELECT answers, profile FROM demand_versions WHERE demand_id = $1',
      [submitted]
    )
    expect(version.answers).not.toHaveProperty('leadPhone')
    expect(version.profile).toMatchObject({ contactName: '已注销用户', mobile: '', enterpriseName: '重庆智芯微电子有限公司' })
    expect(await s.db.query('SELECT 1 FROM profiles WHERE user_id = $1', [zhixinId])).toEqual([])
    expect(await s.db.query('SELECT 1 FROM platform_bindings WHERE user_id = $1', [zhixinId])).toEqual([])
    expect(await s.db.query('SELECT 1 FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [zhixinId])).toEqual([])
    const [thread] = await s.db.query<{ body: string }>('SELECT body FROM thread_messages WHERE demand_id = $1', [submitted])
    expect(thread.body).toBe('请问何时评审？') // the review record stays
    const [audit] = await s.db.query<{ detail: object }>("SELECT detail FROM account_audit WHERE user_id = $1 AND action = 'delete'", [zhixinId])
    expect(audit.detail).toMatchObject({ draftsDeleted: 1, demandsPseudonymised: 1 })
  })

  it('cannot be replayed: the session is gone', async () => {
    const again = await call(zhixin, 'POST', '/api/account/delete', { confirm: '注销' })
    expect([again.statusCode, again.json().code]).toEqual([401, 'UNAUTHENTICATED'])
    expect((await call(zhixin, 'GET', '/api/account/export')).statusCode).toBe(401)
  })

  it('left the other enterprise untouched', async () => {
    const res = await call(shancheng, 'GET', `/api/demands/${others}`)
    expect(res.statusCode).toBe(200)
    expect(res.json().answers.leadPhone).toBe('13899812345')
    expect((await call(shancheng, 'GET', '/api/profile')).json().mobile).toBe('13900139000')
  })

  it('a new sign-in with the same government account starts a new, empty account', async () => {
    const again = await signInH5(s.app, 'ent-zhixin')
    expect(await userIdOf(again)).not.toBe(zhixinId)
    expect((await call(again, 'GET', '/api/demands')).json().demands).toEqual([])
  })
})
