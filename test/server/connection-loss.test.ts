/**
 * PostgreSQL ends connections on its own: a restart, a failover, an administrator's
 * pg_terminate_backend, a proxy's idle timeout. The server takes that in its stride: the ended
 * connections are dropped, the process keeps running, and the next request is answered on a new
 * connection. (node-postgres's pool reports the loss of an idle connection as an 'error' event,
 * which ends the process when nothing listens.)
 */
import { Client } from 'pg'
import { startTestServer, type TestServer } from '../support/app'
import { usingPostgres } from '../support/db'

const onPostgres = usingPostgres ? it : it.skip
let s: TestServer

beforeAll(async () => {
  s = await startTestServer()
})
afterAll(() => s.close())

onPostgres('answers the next request after PostgreSQL has ended every connection of its pool', async () => {
  expect((await s.app.inject({ url: '/api/campaigns' })).statusCode).toBe(200)
  // as many queries at once as the pool holds connections: each on its own, each names its backend
  const held = await Promise.all(Array.from({ length: 10 }, () => s.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')))
  const pids = [...new Set(held.map(([row]) => row.pid))]
  expect(pids.length).toBeGreaterThan(1)
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL })
  await admin.connect()
  try {
    const ended = await admin.query<{ ended: boolean }>('SELECT pg_terminate_backend(pid) AS ended FROM unnest($1::int[]) AS pid', [pids])
    expect(ended.rows.map((r) => r.ended)).toEqual(pids.map(() => true))
  } finally {
    await admin.end()
  }
  // the pool hears of each loss a moment later, on its idle connections
  await new Promise((resolve) => setTimeout(resolve, 500))
  const res = await s.app.inject({ url: '/api/campaigns' })
  expect(res.statusCode).toBe(200)
  expect(res.json().campaigns.length).toBeGreaterThan(0)
})
