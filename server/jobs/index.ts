/**
 * The job workers, on pg-boss (a durable queue in PostgreSQL; on embedded PGlite through its
 * PGlite adapter). Every process runs them; the queue and the tables share the work.
 *
 * - reminders-tick (every minute, and at start): plans the reminder milestones that came due,
 *   queues a run for each, gives up pushes a dead process left unanswered, wakes the drains;
 * - reminders-run: sends one milestone to everyone it concerns (server/reminders.ts);
 * - push-drain: sends queued pushes (server/push.ts);
 * - retention (daily, 03:17 Shanghai): removes expired sign-in rows, sessions, rate-limit
 *   windows and unreferenced uploads (server/retention.ts).
 *
 * Nothing that matters lives in this process: runs and pushes are rows, the jobs are rows. A
 * killed process's work is picked up by the next tick of any process (a job still marked active
 * by the dead one does not block: the queues allow one queued job beside any active ones).
 * Messages written by notify() wake the drains at once through LISTEN/NOTIFY; the tick is the
 * safety net when a wake-up is missed.
 */
import crypto from 'node:crypto'
import os from 'node:os'
import { Client } from 'pg'
import type { PgBoss } from 'pg-boss'
import type { Config } from '../config'
import type { Db } from '../db'
import { createAlipaySender } from '../integrations/alipay'
import { createWechatSender, createWechatTokenStore } from '../integrations/wechat-message'
import { PUSH_CHANNEL } from '../messages'
import { drainPushes, expireStaleClaims, pushWork, type PushSenders } from '../push'
import { planReminderRuns, workRun } from '../reminders'
import { removeExpired } from '../retention'

export const QUEUES = { tick: 'reminders-tick', run: 'reminders-run', drain: 'push-drain', retention: 'retention' } as const
/** Drain jobs queued by a wake-up: enough for several processes to take part at once. */
const DRAIN_SLOTS = 8

export interface Logger {
  info(obj: object | string, msg?: string): void
  warn(obj: object | string, msg?: string): void
  error(obj: object | string, msg?: string): void
}

const silent: Logger = { info() {}, warn() {}, error() {} }

export interface JobsOptions {
  db: Db
  config: Config
  /** The domain clock (deadlines, reminder texts); the queue itself runs on the database's time. */
  clock: () => number
  log?: Logger
  /** Defaults to WeChat and Alipay adapters built from the configuration. */
  senders?: PushSenders
}

export interface Jobs {
  /** Written on the pushes this process claims. */
  workerId: string
  /** Where the queue keeps its tables. */
  schema: string
  /** Queues a tick now instead of waiting for the minute. */
  tick(): Promise<void>
  stop(): Promise<void>
}

/** The adapters for the configured platforms. */
export function pushSenders(db: Db, config: Config): PushSenders {
  const senders: PushSenders = {}
  if (config.wechat.apiBase) {
    senders.weapp = createWechatSender(config.wechat, createWechatTokenStore(db, config.wechat), {
      miniprogramState: config.push.wechatMiniprogramState
    })
  }
  if (config.alipay.gateway && config.alipay.privateKey) senders.alipay = createAlipaySender(config.alipay)
  return senders
}

export async function startJobs(opts: JobsOptions): Promise<Jobs> {
  const { db, config, clock } = opts
  const log = opts.log ?? silent
  const senders = opts.senders ?? pushSenders(db, config)
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`
  let stopping = false

  // pg-boss is an ES module: load it with import(), which works from CommonJS, tsx and Jest alike.
  const { PgBoss, fromPglite } = await import('pg-boss')
  const schema = config.jobs.schema || (await defaultSchema(db))
  const common = { schema, superviseIntervalSeconds: 30, monitorIntervalSeconds: 30 }
  let boss: PgBoss
  if (db.kind === 'pglite') {
    if (!db.pglite) throw new Error('PGlite database without its instance')
    boss = new PgBoss({ ...common, db: fromPglite(db.pglite), backend: 'pglite' })
  } else {
    if (!db.connectionString) throw new Error('PostgreSQL database without its connection string')
    boss = new PgBoss({ ...common, connectionString: db.connectionString, max: 4, application_name: 'jobs' })
  }
  boss.on('error', (err) => log.error({ err }, 'job queue error'))
  await boss.start()

  await boss.createQueue(QUEUES.tick, { policy: 'short', retryLimit: 0, expireInSeconds: 300 })
  await boss.createQueue(QUEUES.run, { policy: 'short', retryLimit: 3, retryDelay: 10, expireInSeconds: 900 })
  await boss.createQueue(QUEUES.drain, { policy: 'short', retryLimit: 2, retryDelay: 5, expireInSeconds: 900 })
  await boss.schedule(QUEUES.tick, '* * * * *', {}, { singletonKey: 'tick' })
  await boss.createQueue(QUEUES.retention, { policy: 'short', retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 })
  await boss.schedule(QUEUES.retention, '17 3 * * *', {}, { tz: 'Asia/Shanghai', singletonKey: 'retention' })

  // Wake-ups coalesce: while one is being queued, further ones only ask for one more round.
  let waking: Promise<void> | null = null
  let again = false
  const wakeDrains = async (): Promise<void> => {
    if (stopping) return
    if (waking) {
      again = true
      return waking
    }
    waking = (async () => {
      do {
        again = false
        for (let i = 0; i < DRAIN_SLOTS; i++) await boss.send(QUEUES.drain, {}, { singletonKey: `drain-${i}` })
      } while (again)
    })()
      .catch((err) => log.warn({ err }, 'could not wake the push drains'))
      .finally(() => (waking = null))
    return waking
  }

  const releaseStale = async () => {
    const { released, unknown } = await expireStaleClaims(db, config.jobs.pushLeaseSeconds)
    if (released) log.warn({ pushes: released }, 'pushes claimed by a stopped process before sending are pending again')
    if (unknown) log.warn({ pushes: unknown }, 'pushes left unanswered by a stopped process are given up as unknown')
  }
  const poll = { pollingIntervalSeconds: 1, batchSize: 1 }
  await boss.work(QUEUES.tick, poll, async () => {
    const runs = await planReminderRuns(db, clock())
    for (const runId of runs) await boss.send(QUEUES.run, { runId }, { singletonKey: `run-${runId}` })
    await releaseStale()
    if ((await pushWork(db)).pending) await wakeDrains()
  })
  await boss.work<{ runId: string }>(QUEUES.run, poll, async ([job]) => {
    const outcome = await workRun(db, job.data.runId, clock, {
      chunkSize: config.jobs.reminderChunkSize,
      afterChunk: wakeDrains,
      stopping: () => stopping
    })
    log.info({ runId: job.data.runId, outcome }, 'reminder run')
  })
  await boss.work(QUEUES.drain, { ...poll, localConcurrency: config.jobs.drains }, async () => {
    await releaseStale()
    const { claimed } = await drainPushes({ db, config, senders, workerId, now: clock, stopping: () => stopping })
    if (stopping) return
    const work = await pushWork(db)
    // out of budget with work left: go on in a fresh job (another process may take it)
    if (claimed && work.pending) await wakeDrains()
    // claims another process holds: if it was killed they are released after the lease, so look again then
    else if (work.claimed) await boss.send(QUEUES.drain, {}, { singletonKey: 'drain-after-lease', startAfter: config.jobs.pushLeaseSeconds + 1 })
  })

  await boss.work(QUEUES.retention, poll, async () => {
    log.info({ removed: await removeExpired(db, clock()) }, 'retention')
  })

  const unlisten = await listen(db, PUSH_CHANNEL, () => void wakeDrains(), log)
  const tick = async () => {
    await boss.send(QUEUES.tick, {}, { singletonKey: 'tick' })
  }
  await tick()
  log.info({ workerId }, 'job workers started')

  return {
    workerId,
    schema,
    tick,
    async stop() {
      stopping = true
      await unlisten()
      await waking
      await boss.stop({ graceful: true, timeout: 20_000 })
    }
  }
}

/** pgboss, or <schema>_jobs beside an application schema other than public. */
async function defaultSchema(db: Db): Promise<string> {
  const [{ schema }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema')
  return schema === 'public' ? 'pgboss' : `${schema}_jobs`
}

/**
 * LISTEN on a channel: a dedicated connection on PostgreSQL (reconnecting, and calling
 * `onNotify` after each reconnect for what it may have missed), PGlite's own listener there.
 */
async function listen(db: Db, channel: string, onNotify: () => void, log: Logger): Promise<() => Promise<void>> {
  if (db.kind === 'pglite') return db.pglite!.listen(channel, onNotify)
  let client: Client | null = null
  let closed = false
  let retry: NodeJS.Timeout | undefined
  const again = (c: Client, err: unknown, what: string) => {
    log.warn({ err }, what)
    c.removeAllListeners('error')
    c.on('error', () => undefined)
    c.end().catch(() => undefined)
    if (client === c) client = null
    if (!closed && !retry) retry = setTimeout(() => void connect(), 1000)
  }
  const connect = async () => {
    retry = undefined
    const c = new Client({ connectionString: db.connectionString })
    c.on('notification', onNotify)
    c.on('error', (err) => again(c, err, 'push listener lost its connection; reconnecting'))
    try {
      await c.connect()
      await c.query(`LISTEN ${channel}`)
      client = c
      onNotify() // whatever was announced while nobody listened
    } catch (err) {
      again(c, err, 'push listener could not connect; retrying')
    }
  }
  await connect()
  return async () => {
    closed = true
    clearTimeout(retry)
    await client?.end().catch(() => undefined)
  }
}
