/**
 * How long rights last: a recommending unit's or the bureau's session ends after a day, so a
 * role the identity provider withdrew is gone by the next day's sign-in; an enterprise's lasts
 * its TTL. A person (or an operator, by the CLI) ends every session of an account at once.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { REVIEWER_SESSION_HOURS } from '../../server/auth/sessions'
import { startTestServer, type TestServer } from '../support/app'
import { usingPostgres } from '../support/db'
import { signInH5, signInMiniProgram } from '../support/sign-in'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

const me = (headers: Record<string, string>) => s.app.inject({ url: '/api/auth/me', headers })
const HOUR = 3_600_000

it('ends a reviewer’s session after a day and keeps an enterprise’s, so withdrawn rights last no longer than a day', async () => {
  const start = s.clock.now
  try {
    const rec = { authorization: `Bearer ${await signInMiniProgram(s.app, 'rec-liangjiang')}` }
    const bureau = { authorization: `Bearer ${await signInMiniProgram(s.app, 'bureau-cq')}` }
    const ent = { authorization: `Bearer ${await signInMiniProgram(s.app, 'ent-zhixin')}` }
    s.clock.now = start + REVIEWER_SESSION_HOURS * HOUR - 60_000
    for (const who of [rec, bureau, ent]) expect((await me(who)).statusCode).toBe(200)
    s.clock.now = start + REVIEWER_SESSION_HOURS * HOUR + 1
    expect((await me(rec)).statusCode).toBe(401)
    expect((await me(bureau)).statusCode).toBe(401)
    expect((await me(ent)).statusCode).toBe(200)
    s.clock.now = start + 6 * 24 * HOUR
    expect((await me(ent)).statusCode).toBe(200)
  } finally {
    s.clock.now = start
  }
})

it('signs a person out on every device at once, and no one else', async () => {
  const phone = { authorization: `Bearer ${await signInMiniProgram(s.app, 'ent-zhixin')}` }
  const browser = await signInH5(s.app, 'ent-zhixin')
  const other = { authorization: `Bearer ${await signInMiniProgram(s.app, 'ent-shancheng')}` }
  const res = await s.app.inject({ method: 'POST', url: '/api/auth/sessions/revoke-all', headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrfToken } })
  expect(res.statusCode).toBe(200)
  expect(res.json().revoked).toBeGreaterThanOrEqual(2)
  expect((await me(phone)).statusCode).toBe(401)
  expect((await me({ cookie: browser.cookie })).statusCode).toBe(401)
  expect((await me(other)).statusCode).toBe(200)
  // a cross-site form cannot do it: the H5 session needs its CSRF token
  const again = await signInH5(s.app, 'ent-zhixin')
  expect((await s.app.inject({ method: 'POST', url: '/api/auth/sessions/revoke-all', headers: { cookie: again.cookie } })).statusCode).toBe(403)
  expect((await me({ cookie: again.cookie })).statusCode).toBe(200)
})

const pg = usingPostgres ? it : it.skip
pg('lets an operator end every session of an account from the command line', async () => {
  const clerk = { authorization: `Bearer ${await signInMiniProgram(s.app, 'rec-gaoxin')}` }
  expect((await me(clerk)).statusCode).toBe(200)
  const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(path.join(__dirname, '../../node_modules/.bin/tsx'), ['server/cli/revoke-sessions.ts', 'rec-gaoxin'], {
      cwd: path.join(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: s.db.connectionString! }
    })
    let text = ''
    child.stdout.on('data', (d) => (text += d))
    child.stderr.on('data', (d) => (text += d))
    child.on('exit', (code) => resolve({ code, text }))
  })
  expect(out.code).toBe(0)
  expect(out.text).toMatch(/已注销 [1-9]\d* 个会话/)
  expect((await me(clerk)).statusCode).toBe(401)
})
