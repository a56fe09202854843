/**
 * The queue on a real PostgreSQL server (skipped without TEST_DATABASE_URL): reminders due now
 * to thousands of people, with two worker processes at once, and with a worker process killed
 * (SIGKILL) in the middle and another started. Every person must have exactly one reminder in
 * the message center and at most one push on the fake WeChat server; a push is missing only
 * where the killed process had it in flight (recorded as unknown, never sent twice).
 */
import { openPostgres, type Db } from '../../server/db'
import { createWechatFakeState, wechatFake, type WechatFakeState } from '../../server/integrations/fakes/wechat-fake'
import { startFake, type RunningFake } from '../../server/integrations/fakes/serve'
import { expireStaleClaims } from '../../server/push'
import { planReminderRuns, workRun } from '../../server/reminders'
import { openTestDb, usingPostgres } from '../support/db'
import { dueCampaign, pushStates, seedDrafts, tally, waitFor, type SeededDrafts } from '../support/reminders'
import { startWorker, type WorkerProcess } from '../support/workers'

const pg = usingPostgres ? describe : describe.skip
jest.setTimeout(240_000)

let db: Db
let fake: RunningFake
let wechat: WechatFakeState
const workers: WorkerProcess[] = []

async function gateway(sendDelayMs = 0) {
  await fake?.close()
  wechat = createWechatFakeState({ appId: 'wx-dev-appid', secret: 'wx-dev-secret', sendDelayMs })
  fake = await startFake(wechatFake, { state: wechat })
}

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: db.connectionString!,
  WECHAT_API_BASE: fake.url,
  PUSH_LEASE_SECONDS: '3',
  ...extra
})

async function worker(extra: Record<string, string> = {}) {
  const w = await startWorker(env(extra))
  workers.push(w)
  return w
}

/** The campaign's people: one reminder row, one message and one push each? And how the pushes ended. */
async function accounting(campaignId: string, seeded: SeededDrafts) {
  const [counts] = await db.query<{ deliveries: number; people: number; notes: number; pushes: number }>(
    `SELECT count(*)::int AS deliveries, count(DISTINCT r.user_id)::int AS people,
            count(DISTINCT n.id)::int AS notes, count(DISTINCT p.id)::int AS pushes
       FROM reminder_deliveries r JOIN reminder_runs u ON u.id = r.run_id
       JOIN notifications n ON n.id = r.notification_id JOIN push_deliveries p ON p.notification_id = n.id
      WHERE u.campaign_id = $1`,
    [campaignId]
  )
  const pushes = await db.query<{ openid: string; state: string; claimed_by: string }>(
    `SELECT b.platform_user_id AS openid, p.state, p.claimed_by FROM push_deliveries p
       JOIN platform_bindings b ON b.user_id = p.user_id
      WHERE b.platform_user_id LIKE $1`,
    [`o-${seeded.prefix}-%`]
  )
  const received = wechat.messages.map((m) => m.touser)
  const got = new Set(received)
  const byState = (s: string) => pushes.filter((p) => p.state === s)
  return {
    counts,
    gateway: tally(received, seeded),
    sent: byState('sent').length,
    unknown: byState('unknown').length,
    unknownButReceived: byState('unknown').filter((p) => got.has(p.openid)).length,
    /** neither received by the gateway nor recorded as unknown */
    lost: pushes.filter((p) => !got.has(p.openid) && p.state !== 'unknown').length,
    sentButNotReceived: byState('sent').filter((p) => !got.has(p.openid)).length,
    states: await pushStates(db)
  }
}

/** Until the campaign's run is done and nothing is pending, claimed, or being sent by a live worker. */
async function finished(campaignId: string, dead: string[] = []) {
  await waitFor(
    'the reminders to be delivered',
    async () => {
      const [r] = await db.query<{ runs: number; pending: number; sending: number }>(
        `SELECT (SELECT count(*)::int FROM reminder_runs WHERE campaign_id = $1 AND state = 'done') AS runs,
                (SELECT count(*)::int FROM push_deliveries WHERE state IN ('pending', 'claimed')) AS pending,
                (SELECT count(*)::int FROM push_deliveries WHERE state = 'sending' AND NOT claimed_by = ANY($2)) AS sending`,
        [campaignId, dead]
      )
      return r.runs === 1 && r.pending === 0 && r.sending === 0
    },
    180_000,
    250
  )
}

pg('reminders on PostgreSQL', () => {
  beforeAll(async () => {
    db = await openTestDb()
  })
  afterEach(async () => {
    while (workers.length) await workers.pop()!.kill('SIGTERM')
  })
  afterAll(async () => {
    await fake?.close()
    await db.close()
  })

  it('two worker processes on one database: every reminder exactly once', async () => {
    await gateway(1)
    const campaign = await dueCampaign(db, 'queue-two', Date.now())
    const seeded = await seedDrafts(db, campaign.id, 1200, 'dev-wx-reminder', 'two')
    const [a, b] = await Promise.all([worker(), worker()])
    await finished(campaign.id)
    const r = await accounting(campaign.id, seeded)
    expect(r.counts).toEqual({ deliveries: 1200, people: 1200, notes: 1200, pushes: 1200 })
    expect(r.gateway).toEqual({ delivered: 1200, duplicates: 0, missing: 0 })
    expect(r.sent).toBe(1200)
    // both processes took part in the sending
    const claimers = await db.query<{ claimed_by: string; n: number }>(`SELECT claimed_by, count(*)::int AS n FROM push_deliveries GROUP BY claimed_by`)
    expect(claimers.map((c) => c.claimed_by).sort()).toEqual([a.workerId, b.workerId].sort())
  })

  it('a worker killed (SIGKILL) in the middle of sending, then another: nothing lost, nothing sent twice', async () => {
    await gateway(3)
    const campaign = await dueCampaign(db, 'queue-kill-send', Date.now())
    const seeded = await seedDrafts(db, campaign.id, 1500, 'dev-wx-reminder', 'ks')
    const first = await worker()
    await waitFor('a third of the pushes', async () => wechat.messages.length >= 500, 120_000, 20)
    await first.kill('SIGKILL')
    // killed in the middle: part of the pushes still to send
    expect(wechat.messages.length).toBeLessThan(1500)
    const [{ inFlight }] = await db.query<{ inFlight: number }>(
      `SELECT count(*)::int AS "inFlight" FROM push_deliveries WHERE state = 'sending' AND claimed_by = $1`,
      [first.workerId]
    )
    await worker()
    await finished(campaign.id, [first.workerId])
    // what the tick does once the lease is over: the dead process's claims become unknown
    await new Promise((r) => setTimeout(r, 3000))
    await expireStaleClaims(db, 3)
    const [{ unknownOfDead }] = await db.query<{ unknownOfDead: number }>(
      `SELECT count(*)::int AS "unknownOfDead" FROM push_deliveries WHERE state = 'unknown' AND claimed_by = $1`,
      [first.workerId]
    )
    expect(unknownOfDead).toBe(inFlight)
    // at most one batch per drain was in flight
    expect(inFlight).toBeLessThanOrEqual(2 * 32)

    const r = await accounting(campaign.id, seeded)
    console.log('killed while sending:', JSON.stringify({ inFlight, ...r }))
    expect(r.counts).toEqual({ deliveries: 1500, people: 1500, notes: 1500, pushes: 1500 })
    expect(r.gateway.duplicates).toBe(0)
    expect(r.lost).toBe(0)
    expect(r.sentButNotReceived).toBe(0)
    expect(r.sent + r.unknown).toBe(1500)
    expect(r.unknown).toBe(inFlight)
    expect(r.gateway.missing).toBe(r.unknown - r.unknownButReceived)
  })

  it('a worker killed (SIGKILL) in the middle of the fan-out: the next process finishes it, once', async () => {
    await gateway(0)
    const campaign = await dueCampaign(db, 'queue-kill-fan', Date.now())
    const seeded = await seedDrafts(db, campaign.id, 1500, 'dev-wx-reminder', 'kf')
    const first = await worker({ REMINDER_CHUNK_SIZE: '100' })
    await waitFor(
      'the fan-out to be under way',
      async () => {
        const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminder_deliveries r JOIN reminder_runs u ON u.id = r.run_id WHERE u.campaign_id = $1`, [campaign.id])
        return n >= 300
      },
      120_000,
      10
    )
    await first.kill('SIGKILL')
    const [{ written }] = await db.query<{ written: number }>(
      `SELECT count(*)::int AS written FROM reminder_deliveries r JOIN reminder_runs u ON u.id = r.run_id WHERE u.campaign_id = $1`,
      [campaign.id]
    )
    expect(written).toBeLessThan(1500)
    await worker({ REMINDER_CHUNK_SIZE: '100' })
    await finished(campaign.id, [first.workerId])
    await new Promise((r) => setTimeout(r, 3000))
    await expireStaleClaims(db, 3)

    const r = await accounting(campaign.id, seeded)
    console.log('killed during the fan-out:', JSON.stringify({ written, ...r }))
    expect(r.counts).toEqual({ deliveries: 1500, people: 1500, notes: 1500, pushes: 1500 })
    expect(r.gateway.duplicates).toBe(0)
    expect(r.lost).toBe(0)
    expect(r.sent + r.unknown).toBe(1500)
  })

  it('the same run worked by three connections at once writes each reminder once', async () => {
    const campaign = await dueCampaign(db, 'queue-race', Date.now())
    await seedDrafts(db, campaign.id, 900, 'dev-wx-reminder', 'race')
    const runs = await planReminderRuns(db, Date.now())
    const [{ id: runId }] = await db.query<{ id: string }>(`SELECT id FROM reminder_runs WHERE campaign_id = $1`, [campaign.id])
    expect(runs).toContain(String(runId))
    const pools = await Promise.all([1, 2, 3].map(() => openPostgres(db.connectionString!)))
    try {
      const outcomes = await Promise.all(pools.map((p) => workRun(p, String(runId), Date.now, { chunkSize: 150 })))
      expect(outcomes.filter((o) => o === 'done').length).toBeGreaterThanOrEqual(1)
    } finally {
      await Promise.all(pools.map((p) => p.close()))
    }
    const [c] = await db.query<{ deliveries: number; people: number; notes: number; pushes: number; delivered: number }>(
      `SELECT count(*)::int AS deliveries, count(DISTINCT r.user_id)::int AS people, count(DISTINCT n.id)::int AS notes,
              count(DISTINCT p.id)::int AS pushes, (SELECT delivered FROM reminder_runs WHERE id = $1) AS delivered
         FROM reminder_deliveries r JOIN notifications n ON n.id = r.notification_id JOIN push_deliveries p ON p.notification_id = n.id
        WHERE r.run_id = $1`,
      [runId]
    )
    expect(c).toEqual({ deliveries: 900, people: 900, notes: 900, pushes: 900, delivered: 900 })
  })
})
