/**
 * Property-based abuse of every registered route (fast-check): 10,000 random bodies, headers,
 * query strings and path parameters from anonymous, enterprise and recommending-unit callers
 * (cookie, cookie without CSRF token, bearer), and real multipart uploads of hostile files
 * (zip bombs, nested archives, corrupt packages, wrong types, path characters in names).
 * Never a 500; a rejected request (4xx) changes no record.
 */
import crypto from 'node:crypto'
import fc from 'fast-check'
import { startTestServer, type TestServer } from '../support/app'
import { multipart } from '../support/multipart'
import { registeredRoutes } from '../support/routes'
import { signInH5, signInMiniProgram, type SignedIn } from '../support/sign-in'
import { deflatedZeros, docxEntries, xlsxEntries, zip } from '../support/zip'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

/** At least 10,000: HOSTILE_RUNS can only ask for more. */
const RUNS = Math.max(10_000, Number(process.env.HOSTILE_RUNS ?? 0))
const UPLOAD = '/api/demands/:id/attachments'

let s: TestServer
/** The signed-in callers: an enterprise and a recommending unit, each over H5 (cookie) and a mini-program (bearer). */
const ACCOUNTS = { ent: 'ent-zhixin', rec: 'rec-liangjiang' } as const
type Caller = { cookie: SignedIn; bearer: string }
const callers = {} as Record<keyof typeof ACCOUNTS, Caller>
const signIn = async (account: string): Promise<Caller> => ({ cookie: await signInH5(s.app, account), bearer: await signInMiniProgram(s.app, account) })
let demandId: string
/** A draft never submitted, for uploads: the unit may recommend the submitted demand, which closes it to changes. */
let draftId: string
let attachmentId: string
let routes: Array<{ method: string; path: string }>

/** Everything a rejected request must leave as it was. */
async function fingerprint(): Promise<string> {
  const [row] = await s.db.query<{ f: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT string_agg(concat_ws(':', id, version, status, answers::text, current_step, rank, recommender_unit), ',' ORDER BY id) FROM demands),
       (SELECT string_agg(concat_ws(':', campaign_id, unit_id, used), ',' ORDER BY campaign_id, unit_id) FROM recommendation_quotas),
       (SELECT count(*) FROM demand_status_events),
       (SELECT string_agg(concat_ws(':', user_id, enterprise_name, credit_code, contact_name, mobile, unit_type), ',' ORDER BY user_id) FROM profiles),
       (SELECT count(*) FROM demand_versions), (SELECT count(*) FROM attachments),
       (SELECT count(*) FROM sessions WHERE revoked_at IS NULL), (SELECT count(*) FROM thread_messages),
       (SELECT count(*) FROM platform_bindings), (SELECT count(*) FROM notifications WHERE read_at IS NULL))) AS f`
  )
  return row.f
}

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  callers.ent = await signIn(ACCOUNTS.ent)
  callers.rec = await signIn(ACCOUNTS.rec)
  const auth = { authorization: `Bearer ${callers.ent.bearer}` }
  await s.app.inject({
    method: 'PUT',
    url: '/api/profile',
    headers: auth,
    payload: { enterpriseName: '重庆智芯微电子有限公司', creditCode: '91500108576231840F', contactName: '张明', mobile: '13800138000', unitType: 'enterprise' }
  })
  demandId = (await s.app.inject({ method: 'POST', url: `/api/campaigns/${CQ}/demands`, headers: auth })).json().id
  const saved = await s.app.inject({
    method: 'PUT',
    url: `/api/demands/${demandId}/draft`,
    headers: auth,
    payload: { baseVersion: 1, answers: completeAnswers(CQ), currentStep: 'basic' }
  })
  // Submitted, so the recommending unit's routes reach a real demand.
  const submitted = await s.app.inject({ method: 'POST', url: `/api/demands/${demandId}/submit`, headers: auth, payload: { baseVersion: saved.json().version } })
  expect(submitted.statusCode).toBe(200)
  const form = multipart([{ field: 'file', filename: '可行性报告.pdf', content: files.pdf }])
  draftId = (await s.app.inject({ method: 'POST', url: `/api/campaigns/${CQ}/demands`, headers: auth })).json().id
  attachmentId = (
    await s.app.inject({
      method: 'POST',
      url: `${UPLOAD.replace(':id', draftId)}?field=attachments`,
      headers: { ...auth, 'content-type': form.contentType },
      payload: form.body
    })
  ).json().id
  routes = registeredRoutes(s.app.printRoutes({ commonPrefix: false }))
    .filter((r) => r.includes(' /api/')) // the H5 app's static files are not in the test server
    .map((r) => {
      const [method, path] = r.split(' ')
      return { method, path }
    })
}, 120_000)
afterAll(() => s?.close())

const files = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]),
  docx: zip(docxEntries()),
  xlsx: zip(xlsxEntries()),
  plainZip: zip([{ name: 'a.txt', data: Buffer.from('hello') }]),
  bomb: zip(docxEntries({ name: 'word/document.xml', deflated: deflatedZeros(250) })),
  nested: zip([...docxEntries(), { name: 'word/media/image1.png', data: zip(xlsxEntries()) }]),
  exe: Buffer.from('MZ\x90\x00\x03\x00\x00\x00')
}
const fileContent = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.values(files)), weight: 3 },
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  // A real file cut short, or with bytes overwritten: corrupt central directories and headers.
  fc
    .tuple(fc.constantFrom(files.docx, files.xlsx, files.nested), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([f, at, bytes]) => (at % 2 ? f.subarray(0, at % f.length) : Buffer.concat([f.subarray(0, at % f.length), Buffer.from(bytes), f.subarray((at % f.length) + bytes.length)])))
)
const fileName = fc.oneof(
  fc.constantFrom('报告.pdf', 'a.docx', '指标.xlsx', 'photo.jpg', 'x.png', '../../etc/passwd.pdf', 'a\\b.pdf', 'inv\u202efdp.pdf', 'a\u0000.pdf', '长'.repeat(300) + '.pdf', '.pdf', ''),
  fc.string({ maxLength: 40 }).map((n) => n + '.docx'),
  fc.string({ maxLength: 40 })
)
/** A file whose name fits its content: the uploads that should go through. */
const fitting = fc
  .constantFrom<[string, Buffer]>(['报告.pdf', files.pdf], ['需求说明.docx', files.docx], ['指标.xlsx', files.xlsx], ['照片.png', files.png])
  .chain(([name, content]) => fc.record({ filename: fc.constant(name), content: fc.constant(content), name: fc.constantFrom(null, name), nameFirst: fc.boolean(), extraFile: fc.constant(false) }))
/** A multipart upload as the platforms send it: the file, and the mini-programs' `name` field before or after it. */
const upload = fc
  .oneof(fitting, { arbitrary: fc.record({ filename: fileName, content: fileContent, name: fc.option(fileName), nameFirst: fc.boolean(), extraFile: fc.boolean() }), weight: 3 })
  .map((u) => {
    const file = { field: u.extraFile && u.content.length % 7 === 0 ? 'other' : 'file', filename: u.filename, content: u.content }
    const name = u.name === null ? [] : [{ field: 'name', value: u.name }]
    return multipart(u.nameFirst ? [...name, file] : [file, ...name])
  })

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
const queryKey = fc.oneof(nasty, fc.constantFrom('field', 'status', 'q', 'unit', 'sort', 'page', 'pageSize', 'from', 'to', 'limit', 'before', 'client', 'returnTo'))
const queryValue = fc.oneof(nasty, fc.constantFrom('attachments', 'demandName', '1', '2', 'submitted', 'liangjiang', 'rank', 'h5', 'mp'))
const request = fc.record({
  // One request in five uploads; the rest spread over every route.
  route: fc.oneof({ arbitrary: fc.nat(), weight: 4 }, { arbitrary: fc.constant(-1), weight: 1 }),
  params: fc.array(fc.oneof(nasty, fc.constant('REAL')), { minLength: 3, maxLength: 3 }),
  query: fc.dictionary(queryKey, queryValue, { maxKeys: 3 }),
  body: fc.oneof(jsonValue.map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 }), fc.constant('{"a":'), fc.constant('')),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=gbk', ''),
  upload: fc.option(upload, { freq: 4 }),
  /** The upload's `field` query parameter. */
  field: fc.oneof({ arbitrary: fc.constant('attachments'), weight: 3 }, nasty),
  caller: fc.constantFrom('anonymous', 'cookie', 'cookie-no-csrf', 'bearer', 'rec-cookie', 'rec-bearer')
})

/** A real record for a path parameter, by what the route names. */
function realParam(path: string, name: string): string {
  if (name === 'campaignId' || path.startsWith('/api/campaigns/')) return CQ
  if (name === 'attachmentId' || path.startsWith('/api/attachments/')) return attachmentId
  return path === UPLOAD ? draftId : demandId
}

test(`${RUNS} hostile requests: never a 500, and a rejected request changes nothing`, async () => {
  let before = await fingerprint()
  const seen = new Map<number, number>()
  const reached = new Map<string, { runs: number; succeeded: number; codes: Set<string> }>(
    routes.map((r) => [`${r.method} ${r.path}`, { runs: 0, succeeded: 0, codes: new Set<string>() }])
  )
  let runs = 0
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      runs++
      const route = r.route < 0 ? routes.find((x) => x.path === UPLOAD)! : routes[r.route % routes.length]
      let i = 0
      const path = route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
        const p = r.params[i++ % 3]
        return p === 'REAL' ? realParam(route.path, name) : encodeURIComponent(p)
      })
      const query = new URLSearchParams(route.path === UPLOAD ? { ...r.query, field: r.field } : r.query).toString()
      const headers: Record<string, string> = {}
      const who = r.caller.startsWith('rec-') ? 'rec' : 'ent'
      const signedIn = callers[who]
      if (r.caller.endsWith('bearer')) headers.authorization = `Bearer ${signedIn.bearer}`
      if (r.caller.includes('cookie')) headers.cookie = signedIn.cookie.cookie
      if (r.caller.endsWith('cookie')) headers['x-csrf-token'] = signedIn.cookie.csrfToken
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE'
      if (hasBody && r.upload) headers['content-type'] = r.upload.contentType
      else if (r.contentType) headers['content-type'] = r.contentType
      const res = await s.app.inject({
        method: route.method as 'GET',
        url: path + (query ? `?${query}` : ''),
        headers,
        ...(hasBody ? { payload: r.upload ? r.upload.body : r.body } : {})
      })
      seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1)
      const stats = reached.get(`${route.method} ${route.path}`)!
      stats.runs++
      if (res.statusCode < 300) stats.succeeded++
      expect([route.method, route.path, res.statusCode < 500 ? 'ok' : res.body]).toEqual([route.method, route.path, 'ok'])
      // Security headers on every response, refusals included.
      expect([route.path, res.headers['x-content-type-options'], res.headers['x-frame-options'], typeof res.headers['content-security-policy']]).toEqual([
        route.path,
        'nosniff',
        'SAMEORIGIN',
        'string'
      ])
      const after = await fingerprint()
      if (res.statusCode >= 400) {
        expect(after).toBe(before)
        // Every refusal says what went wrong: a stable code and a Chinese message (the sign-in
        // callback, a browser page, in its HTML with the code in a header).
        const html = String(res.headers['content-type']).startsWith('text/html')
        const body = html ? { code: res.headers['x-error-code'], message: res.body } : res.json()
        expect(body).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/) }))
        stats.codes.add(body.code)
      }
      before = after
      // A sign-out that went through ends that session: sign in again, so later requests reach the handlers.
      if (route.path === '/api/auth/logout' && res.statusCode === 204 && r.caller !== 'anonymous') {
        callers[who] = await signIn(ACCOUNTS[who])
        before = await fingerprint()
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.HOSTILE_SEED ?? crypto.randomInt(2 ** 31)) }
  )
  expect(runs).toBeGreaterThanOrEqual(10_000)
  // Every route was called, and the generator reached the handlers, not only the schemas.
  expect([...reached].filter(([, v]) => v.runs === 0).map(([k]) => k)).toEqual([])
  expect([...seen.keys()].some((code) => code < 300)).toBe(true)
  expect([...seen.keys()].some((code) => code >= 400)).toBe(true)
  const uploads = reached.get(`POST ${UPLOAD}`)!
  expect(uploads.succeeded).toBeGreaterThan(0)
  const fileCodes = ['ZIP_BOMB', 'ZIP_EMBEDDED_TOO_LARGE', 'ZIP_NESTED_ARCHIVE', 'FILE_CORRUPT', 'FILE_TYPE_MISMATCH', 'FILE_TYPE_REJECTED', 'FILE_NAME_INVALID', 'EMPTY_FILE']
  expect([...uploads.codes].filter((c) => fileCodes.includes(c)).length).toBeGreaterThanOrEqual(4)
  expect(reached.get('GET /api/recommend/campaigns')!.succeeded).toBeGreaterThan(0)
  expect(reached.get('GET /api/recommend/demands/:id')!.succeeded).toBeGreaterThan(0)
}, 1_800_000)
