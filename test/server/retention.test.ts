/**
 * The daily retention job's work (server/retention.ts) on the real database: what has expired
 * goes, what is still in use stays.
 */
import { removeExpired, UPLOAD_GRACE_MS } from '../../server/retention'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { signInH5, signInMiniProgram } from '../support/sign-in'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const rows = async (table: string) => Number((await s.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n)

it('removes expired sign-in requests, hand-off codes, ended sessions, old rate-limit windows and unreferenced uploads, and keeps the rest', async () => {
  const kept = await signInH5(s.app, 'ent-zhixin') // a live session
  const ended = await signInH5(s.app, 'ent-shancheng')
  expect((await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: ended.cookie, 'x-csrf-token': ended.csrfToken } })).statusCode).toBeLessThan(300)
  await signInMiniProgram(s.app, 'ent-zhixin') // a consumed hand-off code
  await s.app.inject({ url: '/api/auth/oidc/start?client=h5' }) // a sign-in never finished

  // a draft with one upload it refers to and one it does not
  const headers = { cookie: kept.cookie, 'x-csrf-token': kept.csrfToken }
  expect((await s.app.inject({ method: 'PUT', url: '/api/profile', headers, payload: DEMO_PROFILES['ent-zhixin'] })).statusCode).toBe(200)
  const draft = await s.app.inject({ method: 'POST', url: '/api/campaigns/cq-2026-key-areas-demo/demands', headers, payload: {} })
  expect(draft.statusCode).toBe(201)
  const demand = draft.json() as { id: string; version: number }
  const [owner] = await s.db.query<{ owner_id: string }>('SELECT owner_id FROM demands WHERE id = $1', [demand.id])
  const upload = async () =>
    (
      await s.db.query<{ id: string }>(
        `INSERT INTO attachments (demand_id, owner_id, field_id, name, type, size, sha256, content, created_at)
         VALUES ($1, $2, 'attachments', '附件.pdf', 'pdf', 4, 'x', '\\x25504446', $3) RETURNING id`,
        [demand.id, owner.owner_id, new Date(s.clock.now)]
      )
    )[0].id
  const [used, orphan] = [await upload(), await upload()]
  await s.db.query(`UPDATE demands SET answers = $2 WHERE id = $1`, [demand.id, JSON.stringify({ attachments: [{ id: used, name: '附件.pdf', size: 4, type: 'pdf' }] })])

  const before = { requests: await rows('auth_requests'), handoffs: await rows('auth_handoffs'), limits: await rows('rate_limits') }
  expect(Object.values(before).every((n) => n > 0)).toBe(true)

  // right away only the ended session goes; a fresh orphan upload waits for its draft save
  expect(await removeExpired(s.db, s.clock.now)).toEqual({ authRequests: 0, handoffs: 0, sessions: 1, rateLimits: 0, uploads: 0 })
  expect(await rows('attachments')).toBe(2)

  // two days later
  const removed = await removeExpired(s.db, s.clock.now + 2 * UPLOAD_GRACE_MS)
  expect(removed).toMatchObject({ uploads: 1 })
  expect(removed.authRequests).toBe(before.requests)
  expect(removed.handoffs).toBe(before.handoffs)
  expect(removed.rateLimits).toBe(before.limits)
  expect(await rows('auth_requests')).toBe(0)
  expect(await rows('auth_handoffs')).toBe(0)
  expect(await rows('rate_limits')).toBe(0)
  // the live sessions stay (they expire in 7 days)
  expect(removed.sessions).toBe(0)
  expect((await s.app.inject({ url: '/api/auth/me', headers: { cookie: kept.cookie } })).statusCode).toBe(200)
  const left = (await s.db.query<{ id: string }>('SELECT id FROM attachments')).map((r) => r.id)
  expect(left).toEqual([used])
  expect(left).not.toContain(orphan)
})
