/**
 * Reminder benchmark: `npx tsx test/bench/reminders.ts [count]` (default 100,000), on the
 * PostgreSQL server named by BENCH_DATABASE_URL or TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), in a schema of its own that it drops afterwards.
 *
 * `count` people each have a draft in a campaign whose reminder is due now, a WeChat phone
 * linked and a long-term consent. One worker process (test/support/reminder-worker.ts, the
 * same job workers the server runs) delivers them to the local fake WeChat server in this
 * process. Two runs: undisturbed, then with the worker killed (SIGKILL) twice and restarted.
 * Prints the time to deliver all (target ≤ 60 s), duplicates (must be 0) and missing (must be
 * 0; a push the killed process had in flight and cannot know the fate of is recorded unknown
 * and not resent: counted apart), and the CPU the run used (worker, PostgreSQL, gateway), which
 * says what the run costs however busy the machine is with other work.
 * BENCH_ONLY_UNDISTURBED=1 skips the run with kills. Exits 1 when a target is missed.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { Client } from 'pg'
import { openPostgres, type Db } from '../../server/db'
import { migrate } from '../../server/db/migrate'
import { createWechatFakeState, wechatFake } from '../../server/integrations/fakes/wechat-fake'
import { startFake } from '../../server/integrations/fakes/serve'
import { expireStaleClaims } from '../../server/push'
import { dueCampaign, seedDrafts, tally } from '../support/reminders'
import { startWorker, type WorkerProcess } from '../support/workers'

const COUNT = Number(process.argv[2] ?? 100_000)
const URL_ = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const TARGET_S = 60
const LEASE_S = 5

const seconds = (ms: number) => (ms / 1000).toFixed(1)

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}
/** CPU seconds of every PostgreSQL server process alive now. */
function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>()
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') out.set(pid, cpuOf(pid))
    } catch {
      // gone
    }
  }
  return out
}

async function scenario(name: string, kills: number[]) {
  const schema = 'bench_' + crypto.randomBytes(4).toString('hex')
  const admin = new Client({ connectionString: URL_ })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  const scoped = new URL(URL_)
  // public too: extensions (pg_trgm) live there
  scoped.searchParams.set('options', `-c search_path=${schema},public`)
  const db: Db = await openPostgres(scoped.toString())
  const wechat = createWechatFakeState({ appId: 'wx-dev-appid', secret: 'wx-dev-secret' })
  const fake = await startFake(wechatFake, { state: wechat })
  const workers: WorkerProcess[] = []
  try {
    await migrate(db)
    const setup = Date.now()
    const campaign = await dueCampaign(db, 'bench', Date.now())
    const seeded = await seedDrafts(db, campaign.id, COUNT, 'dev-wx-reminder', 'b')
    await db.query('ANALYZE')
    console.log(`\n[${name}] ${COUNT.toLocaleString()} drafts due now, seeded in ${seconds(Date.now() - setup)} s`)

    const env = {
      DATABASE_URL: scoped.toString(),
      WECHAT_API_BASE: fake.url,
      PUSH_LEASE_SECONDS: String(LEASE_S)
    }
    const pgBefore = postgresCpu()
    const benchBefore = process.cpuUsage()
    const t0 = Date.now()
    workers.push(await startWorker(env))
    const ready = Date.now() - t0
    const dead: string[] = []
    const pendingKills = [...kills]
    let fannedOut = 0
    let lastCount = -1
    let lastProgress = Date.now()
    for (;;) {
      const received = wechat.messages.length
      if (pendingKills.length && received >= pendingKills[0] * COUNT) {
        pendingKills.shift()
        const victim = workers[workers.length - 1]
        await victim.kill('SIGKILL')
        dead.push(victim.workerId)
        console.log(`[${name}] SIGKILL at ${seconds(Date.now() - t0)} s with ${received.toLocaleString()} delivered; starting another worker`)
        workers.push(await startWorker(env))
      }
      const [r] = await db.query<{ done: number; pending: number; live: number }>(
        `SELECT (SELECT count(*)::int FROM reminder_runs WHERE state = 'done') AS done,
                (SELECT count(*)::int FROM push_deliveries WHERE state IN ('pending', 'claimed')) AS pending,
                (SELECT count(*)::int FROM push_deliveries WHERE state = 'sending' AND NOT claimed_by = ANY($1)) AS live`,
        [dead]
      )
      if (r.done && !fannedOut) fannedOut = Date.now() - t0
      if (r.done && r.pending === 0 && r.live === 0) break
      if (received !== lastCount) {
        lastCount = received
        lastProgress = Date.now()
      } else if (Date.now() - lastProgress > 120_000) {
        throw new Error(`no progress for 2 minutes at ${received} delivered`)
      }
      await new Promise((res) => setTimeout(res, 50))
    }
    const elapsed = Date.now() - t0
    const lastAt = Math.max(...wechat.messages.map((m) => m.at)) - t0
    // CPU used by the run, whatever else the machine was doing: the live worker, PostgreSQL
    // (backends alive at the end; a killed worker's connections are gone), and this process
    // (the fake gateway and the progress queries)
    const workerCpu = cpuOf(workers[workers.length - 1].pid)
    let pgCpu = 0
    for (const [pid, cpu] of postgresCpu()) pgCpu += cpu - (pgBefore.get(pid) ?? 0)
    const bench = process.cpuUsage(benchBefore)
    const gatewayCpu = (bench.user + bench.system) / 1e6
    const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

    // the tick gives up what the killed processes had in flight once the lease is over
    await new Promise((res) => setTimeout(res, LEASE_S * 1000 + 500))
    await expireStaleClaims(db, LEASE_S)

    const received = wechat.messages.map((m) => m.touser)
    const got = new Set(received)
    const g = tally(received, seeded)
    const [c] = await db.query<{ deliveries: number; notes: number; sent: number; unknown: number; other: number }>(
      `SELECT (SELECT count(*)::int FROM reminder_deliveries) AS deliveries,
              (SELECT count(*)::int FROM notifications) AS notes,
              (SELECT count(*)::int FROM push_deliveries WHERE state = 'sent') AS sent,
              (SELECT count(*)::int FROM push_deliveries WHERE state = 'unknown') AS unknown,
              (SELECT count(*)::int FROM push_deliveries WHERE state NOT IN ('sent', 'unknown')) AS other`
    )
    const unknownRows = await db.query<{ openid: string }>(
      `SELECT b.platform_user_id AS openid FROM push_deliveries p JOIN platform_bindings b ON b.user_id = p.user_id WHERE p.state = 'unknown'`
    )
    const unknownReached = unknownRows.filter((u) => got.has(u.openid)).length
    const lost = g.missing - (unknownRows.length - unknownReached)

    console.log(`[${name}] worker ready after ${seconds(ready)} s; fan-out done at ${seconds(fannedOut)} s`)
    console.log(`[${name}] time to deliver all: ${seconds(elapsed)} s (last push received at ${seconds(lastAt)} s)  target ≤ ${TARGET_S} s`)
    console.log(`[${name}] throughput: ${Math.round(g.delivered / (elapsed / 1000)).toLocaleString()} pushes/s; machine load average at the end ${load}`)
    const totalCpu = workerCpu + pgCpu + gatewayCpu
    console.log(
      `[${name}] CPU used: worker ${workerCpu.toFixed(1)} s, PostgreSQL ${pgCpu.toFixed(1)} s, fake gateway + this process ${gatewayCpu.toFixed(1)} s` +
        ` = ${((totalCpu * 1000) / COUNT).toFixed(2)} ms per reminder (${(totalCpu / 2).toFixed(1)} s on 2 idle cores)`
    )
    console.log(`[${name}] in-app messages: ${c.notes.toLocaleString()} (reminder rows ${c.deliveries.toLocaleString()}) for ${COUNT.toLocaleString()} people`)
    console.log(`[${name}] gateway: delivered ${g.delivered.toLocaleString()}, duplicates ${g.duplicates}, missing ${g.missing}`)
    console.log(
      `[${name}] pushes: sent ${c.sent.toLocaleString()}, unknown ${c.unknown} (in flight at a kill; ${unknownReached} of them reached the gateway), other ${c.other}; lost (neither delivered nor recorded) ${lost}`
    )
    return {
      ok: elapsed <= TARGET_S * 1000 && g.duplicates === 0 && lost === 0 && c.notes === COUNT && c.deliveries === COUNT && g.missing === 0,
      missingOnlyInFlight: g.duplicates === 0 && lost === 0 && c.notes === COUNT
    }
  } finally {
    for (const w of workers) await w.kill('SIGTERM')
    await fake.close()
    await db.close()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`)
    await admin.end()
  }
}

async function main() {
  const plain = await scenario('undisturbed', [])
  if (process.env.BENCH_ONLY_UNDISTURBED) process.exit(plain.ok ? 0 : 1)
  const killed = await scenario('SIGKILL twice', [0.3, 0.65])
  console.log(
    `\nresult: undisturbed ${plain.ok ? 'met' : 'MISSED'} the targets; with two SIGKILLs ${killed.ok ? 'met' : killed.missingOnlyInFlight ? 'nothing lost or doubled, pushes in flight at the kills not resent' : 'MISSED'} the targets`
  )
  process.exit(plain.ok && killed.missingOnlyInFlight ? 0 : 1)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
