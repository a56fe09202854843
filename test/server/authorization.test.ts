/**
 * Walks EVERY route of the server with every role — anonymous, enterprise A, enterprise B,
 * the recommender of the unit A chose, a recommender of another unit, the bureau — on A's
 * records, on records foreign to the caller and on ids that do not exist. Never a 500, never
 * another's data; a record outside the caller's scope answers 404.
 *
 * ROUTES is a maintained table; the first test checks it against the routes the app has
 * registered, so a new route cannot be added without saying who may use it.
 */
import crypto from 'node:crypto'
import ExcelJS from 'exceljs'
import type { LightMyRequestResponse } from 'fastify'
import { startTestServer, type TestServer } from '../support/app'
import { registeredRoutes } from '../support/routes'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

const HZ_DEMO = 'hz-2021-major-research-demo' // another bureau's campaign, another unit
const TITLE_A = '甲企业专属标记需求：车规级芯片'
const TITLE_F = '甲企业杭州标记需求：碳化硅封装材料'

type Role = 'anonymous' | 'entA' | 'entB' | 'recRight' | 'recOther' | 'bureau'
const ROLES: Role[] = ['anonymous', 'entA', 'entB', 'recRight', 'recOther', 'bureau']
type TargetName = 'mine' | 'foreign' | 'missing'
interface Target {
  name: TargetName
  demand: string
  campaign: string
  attachment: string
  /** A message in the message center. */
  message: string
}

/**
 * Who may act on the target. 'mine' is A's Chongqing demand (chose 两江新区) and its campaign;
 * 'foreign' is A's Hangzhou demand (another bureau and unit) and that campaign; 'missing' ids
 * that do not exist. `any`: open to all (only "no 500, no leak" is checked).
 */
type Access = 'any' | ((role: Role, t: TargetName) => boolean)
const signedIn: Access = (role) => role !== 'anonymous'
const owner: Access = (role, t) => role === 'entA' && t !== 'missing'
/** Any enterprise account, whatever the target. */
const enterpriseAccounts: Access = (role) => role === 'entA' || role === 'entB'
const enterprises: Access = (role, t) => (role === 'entA' || role === 'entB') && t !== 'missing'
const reviewers: Access = (role) => role === 'recRight' || role === 'recOther' || role === 'bureau'
const reviewerOfDemand: Access = (role, t) => (role === 'recRight' || role === 'bureau') && t === 'mine'
const unitOfDemand: Access = (role, t) => role === 'recRight' && t === 'mine'
const bureauOfDemand: Access = (role, t) => role === 'bureau' && t === 'mine'
/** Campaign-wide lists, each scoped to the caller's unit. */
const reviewerOfCampaign: Access = (role, t) => (role === 'recRight' || role === 'recOther' || role === 'bureau') && t === 'mine'
const recommenderOfCampaign: Access = (role, t) => (role === 'recRight' || role === 'recOther') && t === 'mine'
const bureauOfCampaign: Access = (role, t) => role === 'bureau' && t === 'mine'
const bureauAccount: Access = (role) => role === 'bureau'
/** A demand's thread: its enterprise, the unit it chose and the bureau that issues its campaign. */
const threadOfDemand: Access = (role, t) => (role === 'entA' && t !== 'missing') || ((role === 'recRight' || role === 'bureau') && t === 'mine')

interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** As the router prints it. */
  path: string
  url: (t: Target) => string
  body?: (t: Target, role: Role) => object
  multipart?: boolean
  access: Access
}

/** What each role would save as its contact details; the unit's name and code come from the sign-in. */
const PROFILES: Record<Role, object> = {
  anonymous: { contactName: '无', mobile: '13800000000', unitType: 'enterprise' },
  entA: { contactName: '张明', mobile: '13800138000', unitType: 'enterprise' },
  entB: { contactName: '李华', mobile: '13900139000', unitType: 'large_enterprise' },
  recRight: { contactName: '王丽', mobile: '13800000001', unitType: 'public_institution' },
  recOther: { contactName: '赵强', mobile: '13800000002', unitType: 'public_institution' },
  bureau: { contactName: '陈静', mobile: '13800000003', unitType: 'public_institution' }
}

const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/api/health', url: () => '/api/health', access: 'any' },
  { method: 'GET', path: '/api/time', url: () => '/api/time', access: 'any' },
  { method: 'GET', path: '/api/campaigns', url: () => '/api/campaigns', access: 'any' },
  { method: 'GET', path: '/api/campaigns/:id', url: (t) => `/api/campaigns/${t.campaign}`, access: 'any' },
  { method: 'GET', path: '/api/campaigns/:id/ask', url: (t) => `/api/campaigns/${t.campaign}/ask?q=${encodeURIComponent('截止时间')}`, access: 'any' },
  { method: 'POST', path: '/api/campaigns/:id/demands', url: (t) => `/api/campaigns/${t.campaign}/demands`, access: enterprises },
  { method: 'GET', path: '/api/auth/oidc/start', url: () => '/api/auth/oidc/start?client=h5', access: 'any' },
  { method: 'GET', path: '/api/auth/oidc/callback', url: () => '/api/auth/oidc/callback?code=x&state=unknown', access: 'any' },
  { method: 'POST', path: '/api/auth/handoff', url: () => '/api/auth/handoff', body: () => ({ code: 'not-a-real-code-123' }), access: 'any' },
  { method: 'POST', path: '/api/auth/platform-bind', url: () => '/api/auth/platform-bind', body: () => ({ platform: 'weapp', code: 'bad-code' }), access: signedIn },
  // a visitor is answered null, a session it does not know 401 (test/server/auth.test.ts)
  { method: 'GET', path: '/api/auth/me', url: () => '/api/auth/me', access: 'any' },
  // the account's own data (server/routes/account.ts); its 注销 with a wrong confirmation (the real one: test/server/account.test.ts)
  { method: 'GET', path: '/api/account/consents', url: () => '/api/account/consents', access: signedIn },
  { method: 'POST', path: '/api/account/consents', url: () => '/api/account/consents', body: () => ({ agreements: [{ id: 'terms', version: 'old' }] }), access: signedIn },
  { method: 'GET', path: '/api/account/export', url: () => '/api/account/export', access: signedIn },
  { method: 'POST', path: '/api/account/delete', url: () => '/api/account/delete', body: () => ({ confirm: '不注销' }), access: signedIn },
  { method: 'GET', path: '/api/attachments/:id', url: (t) => `/api/attachments/${t.attachment}`, access: owner },
  { method: 'GET', path: '/api/profile', url: () => '/api/profile', access: signedIn },
  { method: 'PUT', path: '/api/profile', url: () => '/api/profile', body: (_t, role) => PROFILES[role], access: enterpriseAccounts },
  { method: 'PUT', path: '/api/profile/care-mode', url: () => '/api/profile/care-mode', body: () => ({ careMode: true }), access: signedIn },
  { method: 'GET', path: '/api/demands', url: () => '/api/demands', access: signedIn },
  { method: 'GET', path: '/api/demands/:id', url: (t) => `/api/demands/${t.demand}`, access: owner },
  {
    method: 'PUT',
    path: '/api/demands/:id/draft',
    url: (t) => `/api/demands/${t.demand}/draft`,
    body: () => ({ baseVersion: 1, answers: {}, currentStep: 'basic' }),
    access: owner
  },
  { method: 'GET', path: '/api/demands/:id/diff', url: (t) => `/api/demands/${t.demand}/diff?from=1&to=1`, access: owner },
  { method: 'POST', path: '/api/demands/:id/submit', url: (t) => `/api/demands/${t.demand}/submit`, body: () => ({ baseVersion: 1 }), access: owner },
  { method: 'GET', path: '/api/demands/:id/status', url: (t) => `/api/demands/${t.demand}/status`, access: owner },
  { method: 'GET', path: '/api/demands/:id/versions', url: (t) => `/api/demands/${t.demand}/versions`, access: owner },
  { method: 'GET', path: '/api/demands/:id/versions/:number', url: (t) => `/api/demands/${t.demand}/versions/1`, access: owner },
  { method: 'POST', path: '/api/demands/:id/attachments', url: (t) => `/api/demands/${t.demand}/attachments?field=attachments`, multipart: true, access: owner },
  { method: 'GET', path: '/api/recommend/campaigns', url: () => '/api/recommend/campaigns', access: reviewers },
  { method: 'GET', path: '/api/recommend/campaigns/:campaignId/demands', url: (t) => `/api/recommend/campaigns/${t.campaign}/demands`, access: reviewerOfCampaign },
  { method: 'GET', path: '/api/recommend/campaigns/:campaignId/ranking', url: (t) => `/api/recommend/campaigns/${t.campaign}/ranking`, access: reviewerOfCampaign },
  {
    method: 'PUT',
    path: '/api/recommend/campaigns/:campaignId/ranking',
    url: (t) => `/api/recommend/campaigns/${t.campaign}/ranking`,
    body: (t) => ({ ids: [t.demand] }),
    access: recommenderOfCampaign
  },
  { method: 'GET', path: '/api/recommend/campaigns/:campaignId/overview', url: (t) => `/api/recommend/campaigns/${t.campaign}/overview`, access: bureauOfCampaign },
  { method: 'GET', path: '/api/recommend/campaigns/:campaignId/export', url: (t) => `/api/recommend/campaigns/${t.campaign}/export`, access: reviewerOfCampaign },
  { method: 'GET', path: '/api/recommend/demands/:id', url: (t) => `/api/recommend/demands/${t.demand}`, access: reviewerOfDemand },
  { method: 'POST', path: '/api/recommend/demands/:id/open', url: (t) => `/api/recommend/demands/${t.demand}/open`, access: reviewerOfDemand },
  {
    method: 'GET',
    path: '/api/recommend/demands/:id/attachments/:attachmentId',
    url: (t) => `/api/recommend/demands/${t.demand}/attachments/${t.attachment}`,
    access: reviewerOfDemand
  },
  { method: 'GET', path: '/api/recommend/demands/:id/similar', url: (t) => `/api/recommend/demands/${t.demand}/similar`, access: reviewerOfDemand },
  { method: 'POST', path: '/api/recommend/demands/:id/recommend', url: (t) => `/api/recommend/demands/${t.demand}/recommend`, access: unitOfDemand },
  // what the unit gives with a recommendation: its stamped scan, the 重点推荐 mark, the deliverables it received
  {
    method: 'POST',
    path: '/api/recommend/demands/:id/attachments',
    url: (t) => `/api/recommend/demands/${t.demand}/attachments?field=stampedSheet`,
    multipart: true,
    access: unitOfDemand
  },
  {
    method: 'PUT',
    path: '/api/recommend/demands/:id/key-mark',
    url: (t) => `/api/recommend/demands/${t.demand}/key-mark`,
    body: () => ({ keyRecommended: false }),
    access: unitOfDemand
  },
  {
    method: 'PUT',
    path: '/api/recommend/demands/:id/deliverables',
    url: (t) => `/api/recommend/demands/${t.demand}/deliverables`,
    body: () => ({ received: [] }),
    access: unitOfDemand
  },
  {
    method: 'POST',
    path: '/api/recommend/demands/:id/not-recommend',
    url: (t) => `/api/recommend/demands/${t.demand}/not-recommend`,
    body: () => ({ reason: '测试' }),
    access: unitOfDemand
  },
  {
    method: 'POST',
    path: '/api/recommend/demands/:id/return',
    url: (t) => `/api/recommend/demands/${t.demand}/return`,
    body: () => ({ reason: '测试' }),
    access: unitOfDemand
  },
  {
    method: 'POST',
    path: '/api/recommend/demands/:id/outcome',
    url: (t) => `/api/recommend/demands/${t.demand}/outcome`,
    body: () => ({ selected: true }),
    access: bureauOfDemand
  },
  // messages, threads, reminders (server/routes/messages.ts)
  { method: 'GET', path: '/api/messages', url: () => '/api/messages', access: signedIn },
  { method: 'GET', path: '/api/messages/unread-count', url: () => '/api/messages/unread-count', access: signedIn },
  { method: 'POST', path: '/api/messages/:id/read', url: (t) => `/api/messages/${t.message}/read`, access: owner },
  { method: 'POST', path: '/api/messages/read-all', url: () => '/api/messages/read-all', access: signedIn },
  { method: 'GET', path: '/api/demands/:id/thread', url: (t) => `/api/demands/${t.demand}/thread`, access: threadOfDemand },
  {
    method: 'POST',
    path: '/api/demands/:id/thread',
    url: (t) => `/api/demands/${t.demand}/thread`,
    body: () => ({ body: '请问进展如何？' }),
    access: threadOfDemand
  },
  { method: 'POST', path: '/api/demands/:id/thread/read', url: (t) => `/api/demands/${t.demand}/thread/read`, access: threadOfDemand },
  { method: 'GET', path: '/api/notification-settings', url: () => '/api/notification-settings', access: signedIn },
  { method: 'PUT', path: '/api/notification-settings', url: () => '/api/notification-settings', body: () => ({ settings: {} }), access: signedIn },
  { method: 'GET', path: '/api/push/templates', url: () => '/api/push/templates?platform=weapp', access: signedIn },
  {
    method: 'POST',
    path: '/api/push/consents',
    url: () => '/api/push/consents',
    body: () => ({ platform: 'weapp', results: { 'unknown-template': 'reject' } }),
    access: signedIn
  },
  { method: 'GET', path: '/api/campaigns/:id/reminders', url: (t) => `/api/campaigns/${t.campaign}/reminders`, access: bureauOfCampaign },
  {
    method: 'PUT',
    path: '/api/campaigns/:id/deadlines',
    url: (t) => `/api/campaigns/${t.campaign}/deadlines`,
    body: (t) => ({ enterprise: t.campaign === CQ ? '2025-07-20' : '2030-01-01' }), // Chongqing: unchanged
    access: bureauOfCampaign
  },
  // the campaign studio (server/routes/studio.ts): the bureau, on the campaigns it issues; the ones that change a campaign come last
  { method: 'GET', path: '/api/studio/campaigns', url: () => '/api/studio/campaigns', access: bureauAccount },
  { method: 'POST', path: '/api/studio/campaigns', url: () => '/api/studio/campaigns', body: () => ({ from: 'blank' }), access: bureauAccount },
  { method: 'GET', path: '/api/studio/campaigns/:id', url: (t) => `/api/studio/campaigns/${t.campaign}`, access: bureauOfCampaign },
  {
    method: 'PUT',
    path: '/api/studio/campaigns/:id/draft',
    url: (t) => `/api/studio/campaigns/${t.campaign}/draft`,
    body: (t) => ({ definition: { id: t.campaign, issuer: '重庆市科学技术局', title: '草稿' } }),
    access: bureauOfCampaign
  },
  { method: 'DELETE', path: '/api/studio/campaigns/:id/draft', url: (t) => `/api/studio/campaigns/${t.campaign}/draft`, access: bureauOfCampaign },
  { method: 'POST', path: '/api/studio/campaigns/:id/publish', url: (t) => `/api/studio/campaigns/${t.campaign}/publish`, access: bureauOfCampaign },
  {
    method: 'POST',
    path: '/api/studio/campaigns/:id/close',
    url: (t) => `/api/studio/campaigns/${t.campaign}/close`,
    body: () => ({ reason: '测试' }),
    access: bureauOfCampaign
  },
  { method: 'POST', path: '/api/studio/campaigns/:id/unpublish', url: (t) => `/api/studio/campaigns/${t.campaign}/unpublish`, access: bureauOfCampaign },
  // last: they end the caller's sessions
  { method: 'POST', path: '/api/auth/sessions/revoke-all', url: () => '/api/auth/sessions/revoke-all', access: signedIn },
  { method: 'POST', path: '/api/auth/logout', url: () => '/api/auth/logout', access: 'any' }
]

let s: TestServer
const who: Partial<Record<Role, SignedIn>> = {}
const targets: Record<TargetName, Target> = {} as Record<TargetName, Target>
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const boundary = '----authz' + crypto.randomBytes(4).toString('hex')
const multipartBody = Buffer.concat([
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
  pdf,
  Buffer.from(`\r\n--${boundary}--\r\n`)
])

function send(role: Role, route: RouteCase, t: Target): Promise<LightMyRequestResponse> {
  const user = who[role]
  const headers: Record<string, string> = user ? { cookie: user.cookie, 'x-csrf-token': user.csrfToken } : {}
  if (route.multipart) headers['content-type'] = `multipart/form-data; boundary=${boundary}`
  return s.app.inject({
    method: route.method,
    url: route.url(t),
    headers,
    ...(route.multipart ? { payload: multipartBody } : route.body ? { payload: route.body(t, role) } : {})
  })
}

async function submit(user: SignedIn, campaign: string, answers: object): Promise<string> {
  const headers = { cookie: user.cookie, 'x-csrf-token': user.csrfToken }
  const d = (await s.app.inject({ method: 'POST', url: `/api/campaigns/${campaign}/demands`, headers })).json()
  const saved = await s.app.inject({ method: 'PUT', url: `/api/demands/${d.id}/draft`, headers, payload: { baseVersion: d.version, answers, currentStep: d.currentStep } })
  const res = await s.app.inject({ method: 'POST', url: `/api/demands/${d.id}/submit`, headers, payload: { baseVersion: saved.json().version } })
  expect(res.statusCode).toBe(200)
  return d.id
}

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  const accounts: Array<[Role, string]> = [
    ['entA', 'ent-zhixin'],
    ['entB', 'ent-shancheng'],
    ['recRight', 'rec-liangjiang'],
    ['recOther', 'rec-jingxinwei'],
    ['bureau', 'bureau-cq']
  ]
  for (const [role, account] of accounts) {
    who[role] = await signInH5(s.app, account)
    if (!enterpriseAccounts(role, 'mine')) continue
    const res = await s.app.inject({ method: 'PUT', url: '/api/profile', headers: { cookie: who[role]!.cookie, 'x-csrf-token': who[role]!.csrfToken }, payload: PROFILES[role] })
    expect(res.statusCode).toBe(200)
  }
  const a = who.entA!
  const dA = await submit(a, CQ, { ...completeAnswers(CQ), demandName: TITLE_A })
  const dF = await submit(a, HZ_DEMO, { ...completeAnswers(HZ_DEMO), demandName: TITLE_F })
  // B's own demand in A's unit, so that B's and the units' lists are not empty
  await submit(who.entB!, CQ, { ...completeAnswers(CQ), demandName: '乙企业的需求' })
  const up = await s.app.inject({
    method: 'POST',
    url: `/api/demands/${dA}/attachments?field=attachments`,
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: multipartBody
  })
  expect(up.statusCode).toBe(201)
  const attachment = up.json().id
  // the file goes into the submitted version, where A's unit may open it
  const headers = { cookie: a.cookie, 'x-csrf-token': a.csrfToken }
  const current = (await s.app.inject({ url: `/api/demands/${dA}`, headers })).json()
  const saved = await s.app.inject({
    method: 'PUT',
    url: `/api/demands/${dA}/draft`,
    headers,
    payload: { baseVersion: current.version, answers: { ...current.answers, attachments: [up.json()] }, currentStep: current.currentStep }
  })
  expect((await s.app.inject({ method: 'POST', url: `/api/demands/${dA}/submit`, headers, payload: { baseVersion: saved.json().version } })).statusCode).toBe(200)
  // the unit opens A's demand: A gets a message (审核中)
  const opened = await s.app.inject({
    method: 'POST',
    url: `/api/recommend/demands/${dA}/open`,
    headers: { cookie: who.recRight!.cookie, 'x-csrf-token': who.recRight!.csrfToken }
  })
  expect(opened.statusCode).toBe(200)
  const [{ id: message }] = await s.db.query<{ id: string }>('SELECT id FROM notifications WHERE demand_id = $1', [dA])
  targets.mine = { name: 'mine', demand: dA, campaign: CQ, attachment, message }
  targets.foreign = { name: 'foreign', demand: dF, campaign: HZ_DEMO, attachment, message }
  targets.missing = { name: 'missing', demand: crypto.randomUUID(), campaign: 'no-such-campaign', attachment: crypto.randomUUID(), message: crypto.randomUUID() }
})
afterAll(() => s.close())

it('covers every registered route (add new routes to ROUTES with who may use them)', () => {
  const table = ROUTES.map((r) => `${r.method} ${r.path}`).sort()
  expect(registeredRoutes(s.app.printRoutes({ commonPrefix: false }))).toEqual(table)
})

/** Text that would show a record of A to someone who may not see it. */
function secretsFor(role: Role): string[] {
  const mine = [targets.mine.demand, targets.mine.attachment, targets.mine.message, TITLE_A]
  const foreign = [targets.foreign.demand, TITLE_F]
  if (role === 'entA') return []
  if (role === 'recRight' || role === 'bureau') return foreign // A's Chongqing demand is theirs to see
  return [...mine, ...foreign]
}

const AUTHZ_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']
const KIND: Record<Role, string> = { anonymous: 'anonymous', entA: 'enterprise', entB: 'enterprise', recRight: 'recommender', recOther: 'recommender', bureau: 'bureau' }

/** Everything a response shows, spreadsheets included (their XML is compressed). */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  if (!String(res.headers['content-type'] ?? '').includes('spreadsheetml')) return res.body
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const cells: string[] = []
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))))
  return cells.join('\n')
}

it('answers every route, for every role and target, without a 500 and without another’s data', async () => {
  const problems: string[] = []
  for (const route of ROUTES) {
    for (const role of ROLES) {
      const seen = new Set<string>()
      for (const name of ['mine', 'foreign', 'missing'] as TargetName[]) {
        const t = targets[name]
        const key = `${route.method} ${route.url(t)}`
        if (seen.has(key)) continue
        seen.add(key)
        const res = await send(role, route, t)
        const label = `${role} ${key} → ${res.statusCode}`
        if (res.statusCode >= 500) problems.push(`${label}: server error ${res.body.slice(0, 200)}`)
        const text = await textOf(res)
        for (const secret of secretsFor(role)) if (text.includes(secret)) problems.push(`${label}: shows ${secret}`)
        if (route.access === 'any') continue
        const code = String(res.headers['content-type'] ?? '').startsWith('application/json') ? res.json().code : undefined
        const allowed = route.access(role, name)
        if (allowed && AUTHZ_CODES.includes(code)) {
          problems.push(`${label}: should be allowed, got ${res.body.slice(0, 160)}`)
        }
        if (!allowed) {
          // 401 without a session; 404 for a record outside the caller's scope when its kind of
          // account may use the route; 403 (or 404) when its kind of account never may.
          const access = route.access
          const kindMayUse = ROLES.some((r) => KIND[r] === KIND[role] && (access(r, 'mine') || access(r, 'foreign')))
          const expected = role === 'anonymous' ? [401] : kindMayUse ? [404] : [403, 404]
          if (!expected.includes(res.statusCode) || !AUTHZ_CODES.includes(code)) {
            problems.push(`${label}: expected ${expected.join(' or ')}, got ${res.body.slice(0, 160)}`)
          }
        }
      }
    }
  }
  expect(problems).toEqual([])
})
