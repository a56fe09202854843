/**
 * Property-based abuse of every registered route (fast-check): random bodies, headers,
 * query strings and path parameters from anonymous, cookie and bearer callers.
 * Never a 500; a rejected request (4xx) changes no record.
 */
import crypto from 'node:crypto'
import fc from 'fast-check'
import { startTestServer, type TestServer } from '../support/app'
import { registeredRoutes } from '../support/routes'
import { signInH5, signInMiniProgram, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'

const RUNS = Number(process.env.HOSTILE_RUNS ?? 10_000)

let s: TestServer
let cookie: SignedIn
let bearer: string
let demandId: string
let routes: Array<{ method: string; path: string }>

/** Everything a rejected request must leave as it was. */
async function fingerprint(): Promise<string> {
  const [row] = await s.db.query<{ f: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT string_agg(concat_ws(':', id, version, status, answers::text, current_step), ',' ORDER BY id) FROM demands),
       (SELECT string_agg(concat_ws(':', user_id, enterprise_name, credit_code, contact_name, mobile, unit_type), ',' ORDER BY user_id) FROM profiles),
       (SELECT count(*) FROM demand_versions), (SELECT count(*) FROM attachments),
       (SELECT count(*) FROM sessions WHERE revoked_at IS NULL), (SELECT count(*) FROM thread_messages),
       (SELECT count(*) FROM platform_bindings), (SELECT count(*) FROM notifications WHERE read_at IS NULL))) AS f`
  )
  return row.f
}

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  cookie = await signInH5(s.app, 'ent-zhixin')
  bearer = await signInMiniProgram(s.app, 'ent-zhixin')
  const auth = { authorization: `Bearer ${bearer}` }
  await s.app.inject({
    method: 'PUT',
    url: '/api/profile',
    headers: auth,
    payload: { enterpriseName: '重庆智芯微电子有限公司', creditCode: '91500108576231840F', contactName: '张明', mobile: '13800138000', unitType: 'enterprise' }
  })
  demandId = (await s.app.inject({ method: 'POST', url: '/api/campaigns/cq-2026-key-areas/demands', headers: auth })).json().id
  await s.app.inject({
    method: 'PUT',
    url: `/api/demands/${demandId}/draft`,
    headers: auth,
    payload: { baseVersion: 1, answers: completeAnswers('cq-2026-key-areas'), currentStep: 'basic' }
  })
  routes = registeredRoutes(s.app.printRoutes({ commonPrefix: false }))
    .filter((r) => r.includes(' /api/')) // the H5 app's static files are not in the test server
    .map((r) => {
      const [method, path] = r.split(' ')
      return { method, path }
    })
}, 120_000)
afterAll(() => s?.close())

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '\u200b\u202e', "' OR 1=1 --", '../../etc/passwd', '%00', '🧪'.repeat(5), 'null', '-1', '1e309'),
  fc.uuid().map(String),
  fc.integer().map(String)
)
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom('baseVersion', 'answers', 'currentStep', 'code', 'platform', 'body', 'reason', 'ids', 'enterpriseName', 'mobile', 'selected', 'settings'), fc.jsonValue({ maxDepth: 2 }))
)
const request = fc.record({
  route: fc.nat(),
  params: fc.array(fc.oneof(nasty, fc.constant('REAL')), { minLength: 3, maxLength: 3 }),
  query: fc.dictionary(nasty, nasty, { maxKeys: 3 }),
  body: fc.oneof(jsonValue.map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 }), fc.constant('{"a":'), fc.constant('')),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=gbk', ''),
  caller: fc.constantFrom('anonymous', 'cookie', 'cookie-no-csrf', 'bearer')
})

test(`${RUNS} hostile requests: never a 500, and a rejected request changes nothing`, async () => {
  let before = await fingerprint()
  const seen = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const route = routes[r.route % routes.length]
      let i = 0
      const path = route.path.replace(/:[a-zA-Z]+/g, () => {
        const p = r.params[i++ % 3]
        return p === 'REAL' ? demandId : encodeURIComponent(p)
      })
      const query = new URLSearchParams(r.query).toString()
      const headers: Record<string, string> = {}
      if (r.contentType) headers['content-type'] = r.contentType
      if (r.caller === 'bearer') headers.authorization = `Bearer ${bearer}`
      if (r.caller.startsWith('cookie')) headers.cookie = cookie.cookie
      if (r.caller === 'cookie') headers['x-csrf-token'] = cookie.csrfToken
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE'
      const res = await s.app.inject({
        method: route.method as 'GET',
        url: path + (query ? `?${query}` : ''),
        headers,
        ...(hasBody ? { payload: r.body } : {})
      })
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1)
      expect([route.method, route.path, res.statusCode < 500 ? 'ok' : res.body]).toEqual([route.method, route.path, 'ok'])
      const after = await fingerprint()
      if (res.statusCode >= 400) expect(after).toBe(before)
      before = after
    }),
    { numRuns: RUNS, seed: Number(process.env.HOSTILE_SEED ?? crypto.randomInt(2 ** 31)) }
  )
  // The generator must reach the handlers, not only the schemas: some requests succeed.
  expect([...seen.keys()].some((code) => code < 300)).toBe(true)
  expect([...seen.keys()].some((code) => code >= 400)).toBe(true)
}, 900_000)
