/**
 * Two product processes on one PostgreSQL behind Debian's nginx, configured by
 * deploy/nginx.conf (its ports and temporary paths replaced): they behave as one.
 * - a session made through one instance works on the other;
 * - 60 concurrent recommends against a quota of 40, spread over both, end at exactly 40;
 * - reminders due while both run reach every person exactly once (at one WeChat gateway fake);
 * - a deadline the bureau moves is seen by both at once;
 * - killing one instance in the middle of saves loses no acknowledged save.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '../../server/db'
import { startFake, type RunningFake } from '../../server/integrations/fakes/serve'
import { createWechatFakeState, wechatFake, type WechatFakeState } from '../../server/integrations/fakes/wechat-fake'
import { openTestDb } from '../support/db'
import { startIdp, type RunningIdp } from '../support/idp'
import { freePort } from '../support/ports'
import { startNginx, type RunningNginx } from '../support/nginx'
import { signInOverHttp } from '../support/http-session'
import { startProduct, type Product } from '../support/product'
import { dueCampaign, seedDrafts, settled, tally, waitFor, type SeededDrafts } from '../support/reminders'
import { seedAccount, seedManyCq } from '../support/seed-demands'

const CQ = 'cq-2026-key-areas-demo'

// the machine's PostgreSQL server: two processes cannot share an embedded database
process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test'

let db: Db
let idp: RunningIdp
const instances: Product[] = []
let nginx: RunningNginx
let base: string
let dir: string
let gateway: RunningFake
let wechat: WechatFakeState
let due: { campaignId: string; seeded: SeededDrafts }

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-out-'))
  db = await openTestDb()
  const nginxPort = await freePort()
  base = `http://127.0.0.1:${nginxPort}`
  idp = await startIdp([`${base}/api/auth/oidc/callback`])
  // one WeChat gateway for both instances, and a reminder due for 600 people when they start
  wechat = createWechatFakeState({ appId: 'wx-dev-appid', secret: 'wx-dev-secret', sendDelayMs: 2 })
  gateway = await startFake(wechatFake, { state: wechat })
  const campaign = await dueCampaign(db, 'scale-out-due', Date.now())
  due = { campaignId: campaign.id, seeded: await seedDrafts(db, campaign.id, 600, 'dev-wx-reminder', 'so') }
  const env = {
    WECHAT_API_BASE: gateway.url,
    DATABASE_URL: db.connectionString!,
    PUBLIC_URL: base,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    TRUST_PROXY: 'loopback',
    H5_DIR: path.join(dir, 'no-h5')
  }
  // one after the other: each applies migrations and seeds the campaigns at start
  for (let i = 0; i < 2; i++) instances.push(await startProduct(env))
  nginx = await startNginx(nginxPort, instances.map((p) => Number(new URL(p.url).port)), path.join(dir, 'nginx'))
  expect(nginx.url).toBe(base)
}, 240_000)

afterAll(async () => {
  await nginx?.stop()
  await Promise.all(instances.map((p) => p.close()))
  await idp?.close()
  await gateway?.close()
  await db?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })

it('signs in through nginx, and the session works on both instances', async () => {
  // the sign-in itself crosses instances: start, callback and hand-off may each land on either
  const { token } = await signInOverHttp(base, 'ent-zhixin')
  for (const p of instances) {
    const me = await fetch(`${p.url}/api/auth/me`, { headers: bearer(token) })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { user: { displayName: string } }).user.displayName).toBe('张明')
  }
  const through = await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/api/auth/me`, { headers: bearer(token) }).then((r) => r.status)))
  expect(through).toEqual(Array(10).fill(200))
})

it('delivers the reminders due while both run exactly once', async () => {
  await waitFor(
    'the reminders to be delivered',
    async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminder_runs WHERE campaign_id = $1 AND state = 'done'`, [due.campaignId]))[0].n > 0 && settled(db),
    120_000,
    250
  )
  const received = tally(wechat.messages.map((m) => m.touser), due.seeded)
  const [messages] = await db.query<{ notes: number; people: number }>(
    `SELECT count(*)::int AS notes, count(DISTINCT user_id)::int AS people FROM notifications WHERE campaign_id = $1 AND kind LIKE 'reminder%'`,
    [due.campaignId]
  )
  const senders = await db.query<{ claimed_by: string }>('SELECT DISTINCT claimed_by FROM push_deliveries')
  console.log(`scale-out reminders: gateway delivered ${received.delivered}, duplicates ${received.duplicates}, missing ${received.missing}; in-app messages ${messages.notes} for ${messages.people} people; sent by ${senders.length} worker(s)`)
  expect(received).toEqual({ delivered: 600, duplicates: 0, missing: 0 })
  expect(messages).toEqual({ notes: 600, people: 600 })
}, 150_000)

it('ends 60 concurrent recommends against a quota of 40, spread over both instances, at exactly 40', async () => {
  const now = Date.now()
  const ids = await seedManyCq(db, CQ, 'cq-gxq', 60, now) // 西部科学城重庆高新区: quota 40
  const clerks = [await seedAccount(db, now, { role: 'recommender', unit: 'cq-gxq' }), await seedAccount(db, now, { role: 'recommender', unit: 'cq-gxq' })]
  const answers = await Promise.all(
    ids.map((id, i) =>
      fetch(`${instances[i % 2].url}/api/recommend/demands/${id}/recommend`, { method: 'POST', headers: bearer(clerks[i % 2].token), body: '{}' }).then(async (r) => ({
        status: r.status,
        code: r.status === 200 ? null : ((await r.json()) as { code: string }).code
      }))
    )
  )
  expect(answers.filter((a) => a.status === 200)).toHaveLength(40)
  expect(new Set(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.code}`))).toEqual(new Set(['409 QUOTA_EXCEEDED']))
  const [row] = await db.query<{ used: number; recommended: string }>(
    `SELECT q.used, (SELECT count(*) FROM demands WHERE campaign_id = $1 AND status = 'recommended') AS recommended
       FROM recommendation_quotas q WHERE q.campaign_id = $1 AND q.unit_id = 'cq-gxq'`,
    [CQ]
  )
  expect({ used: row.used, recommended: Number(row.recommended) }).toEqual({ used: 40, recommended: 40 })
})

it('shows a deadline the bureau moves on both instances at once', async () => {
  type Detail = { definition: { deadlines: { enterprise: string } }; enterpriseDeadlineAt: string }
  const before = (await (await fetch(`${instances[0].url}/api/campaigns/${CQ}`)).json()) as Detail
  const later = new Date(Date.parse(before.definition.deadlines.enterprise) + 3 * 86_400_000).toISOString().slice(0, 10)
  const bureau = await seedAccount(db, Date.now(), { role: 'bureau', unit: '重庆市科学技术局' })
  const moved = await fetch(`${instances[0].url}/api/campaigns/${CQ}/deadlines`, {
    method: 'PUT',
    headers: bearer(bureau.token),
    body: JSON.stringify({ enterprise: later, reason: '应企业请求延期' })
  })
  expect(moved.status).toBe(200)
  // the very next request to either instance, the list included, has the new deadline
  for (const p of instances) {
    const seen = (await (await fetch(`${p.url}/api/campaigns/${CQ}`)).json()) as Detail
    expect([p.url, seen.definition.deadlines.enterprise]).toEqual([p.url, later])
    const { campaigns } = (await (await fetch(`${p.url}/api/campaigns`)).json()) as { campaigns: Array<{ id: string; enterpriseDeadlineAt: string }> }
    expect(campaigns.find((c) => c.id === CQ)!.enterpriseDeadlineAt).toBe(seen.enterpriseDeadlineAt)
    expect(seen.enterpriseDeadlineAt).not.toBe(before.enterpriseDeadlineAt)
  }
})

it('loses no acknowledged save when one instance is killed in the middle of saves', async () => {
  const now = Date.now()
  const owner = await seedAccount(db, now, { role: 'enterprise' })
  const demands: Array<{ id: string; version: number; acked: string | null }> = []
  for (let i = 0; i < 8; i++) {
    const res = await fetch(`${base}/api/campaigns/${CQ}/demands`, { method: 'POST', headers: bearer(owner.token), body: '{}' })
    const d = (await res.json()) as { id: string; version: number }
    demands.push({ id: d.id, version: d.version, acked: null })
  }
  let acknowledged = 0
  let refused = 0
  let running = true
  const writer = async (d: (typeof demands)[number]) => {
    while (running) {
      const marker = crypto.randomBytes(6).toString('hex')
      const res = await fetch(`${base}/api/demands/${d.id}/draft`, {
        method: 'PUT',
        headers: bearer(owner.token),
        body: JSON.stringify({ baseVersion: d.version, answers: { demandName: `保存 ${marker}` }, currentStep: 'basic' })
      }).catch(() => null)
      if (res?.status === 200) {
        d.version = ((await res.json()) as { version: number }).version
        d.acked = marker
        acknowledged++
      } else {
        refused++ // the killed instance's request (502) or a stale version after it: try again
        if (res?.status === 409) d.version = (((await res.json()) as { current?: { version: number } }).current?.version ?? d.version)
      }
    }
  }
  const writers = demands.map(writer)
  await new Promise((r) => setTimeout(r, 1500))
  const beforeKill = acknowledged
  await instances[0].crash()
  expect(await fetch(`${instances[0].url}/api/health`).then(() => 'up', () => 'down')).toBe('down')
  await new Promise((r) => setTimeout(r, 1500))
  running = false
  await Promise.all(writers)

  let found = 0
  for (const d of demands) {
    const now2 = (await (await fetch(`${instances[1].url}/api/demands/${d.id}`, { headers: bearer(owner.token) })).json()) as { answers: { demandName?: string } }
    if (d.acked && now2.answers.demandName === `保存 ${d.acked}`) found++
  }
  console.log(
    `scale-out: saves acknowledged ${acknowledged} (${beforeKill} before the kill, ${acknowledged - beforeKill} after, by the instance left), ` +
      `refused or cut off in flight ${refused}; latest acknowledged save found for ${found} of ${demands.length} demands`
  )
  expect(beforeKill).toBeGreaterThan(demands.length)
  expect(acknowledged - beforeKill).toBeGreaterThan(demands.length)
  expect(found).toBe(demands.length)
}, 60_000)
