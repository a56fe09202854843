/**
 * Pushes to the phone: the consents people give per template, and the drain that sends the
 * queued pushes (push_deliveries) through WeChat or Alipay.
 *
 * Exactly once, also across processes and crashes:
 * 1. claim: one statement moves a batch from pending to claimed (FOR UPDATE SKIP LOCKED, so
 *    two workers never take the same row) and picks each one's channel;
 * 2. start: one transaction moves the batch from claimed to sending, only where this process
 *    still holds the claim, and uses up a one-time consent for each that relies on one;
 * 3. send: outside any transaction, the whole batch at once, right after 2;
 * 4. record: one statement writes each answer.
 * A process killed before 2 leaves rows `claimed`: nothing was sent, so after the lease they
 * are pending again and go out once. Killed between 2 and 4, it leaves rows `sending`: after
 * the lease they become `unknown` and are never sent again, since the platforms have no
 * idempotency key and a resend could reach the phone twice. Only what was truly on the wire at
 * the kill can end so (the window between 2 and 3 has no await on anything but the commit).
 * The message center holds every message regardless.
 */
import type { ConsentAnswer, PushTemplates } from '../types/messages'
import { formatTimeLeft } from '../types/reminders'
import type { Platform } from '../types/domain'
import { cachedDefinition } from './campaigns'
import type { Config } from './config'
import type { Db, Queryable } from './db'
import { MESSAGE_KINDS, REMINDER_KINDS, isReminderKind } from './messages'
import { PUSH_PURPOSES, pushFailure, type PushPurpose, type PushResult, type PushSender, type PushTemplate, type PushValues } from './integrations/push'

export type PushSenders = Partial<Record<Platform, PushSender>>

export const purposeOf = (kind: string): PushPurpose => (isReminderKind(kind) ? 'reminder' : 'status')

// ---------------------------------------------------------------- consents

/** One-time grants kept at most per template (WeChat keeps no count we could ask for). */
const MAX_ONE_TIME_GRANTS = 50

export async function pushTemplates(db: Queryable, config: Config, userId: string, platform: Platform): Promise<PushTemplates> {
  const rows = await db.query<{ template_id: string; long_term: boolean; one_time_grants: number; last_result: string }>(
    'SELECT template_id, long_term, one_time_grants, last_result FROM push_consents WHERE user_id = $1 AND platform = $2',
    [userId, platform]
  )
  const [bound] = await db.query('SELECT 1 FROM platform_bindings WHERE user_id = $1 AND platform = $2 LIMIT 1', [userId, platform])
  return {
    platform,
    bound: Boolean(bound),
    templates: PUSH_PURPOSES.filter((p) => config.push[platform][p].id).map((purpose) => {
      const t = config.push[platform][purpose]
      const row = rows.find((r) => r.template_id === t.id)
      return {
        id: t.id,
        purpose,
        longTerm: t.longTerm,
        subscribed: t.longTerm && Boolean(row?.long_term),
        oneTimeGrants: t.longTerm ? 0 : (row?.one_time_grants ?? 0),
        lastResult: row?.last_result ?? null
      }
    })
  }
}

/**
 * Records the answers of one requestSubscribeMessage call. 'accept' on a one-time template
 * adds one message, on a long-term template allows many; 'reject' / 'ban' end a long-term
 * consent (one-time grants already given stay: the platform keeps them too); 'filter' (not
 * shown: a template of the same title was) changes nothing. Template ids the server does not
 * use are returned in `ignored`.
 */
export async function recordConsents(
  db: Db,
  config: Config,
  userId: string,
  platform: Platform,
  answers: Record<string, ConsentAnswer>,
  now: number
): Promise<PushTemplates> {
  const known = new Map<string, PushTemplate>(
    PUSH_PURPOSES.map((p) => config.push[platform][p]).filter((t) => t.id).map((t) => [t.id, t])
  )
  const ignored = Object.keys(answers).filter((id) => !known.has(id))
  await db.transaction(async (tx) => {
    for (const [templateId, answer] of Object.entries(answers)) {
      const template = known.get(templateId)
      if (!template || answer === 'filter') continue
      const accepted = answer === 'accept' || answer === 'acceptWithAudio'
      await tx.query(
        `INSERT INTO push_consents (user_id, platform, template_id, long_term, one_time_grants, last_result, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id, platform, template_id) DO UPDATE SET long_term = EXCLUDED.long_term,
           one_time_grants = LEAST($8, push_consents.one_time_grants + EXCLUDED.one_time_grants),
           last_result = EXCLUDED.last_result, updated_at = EXCLUDED.updated_at`,
        [userId, platform, templateId, template.longTerm && accepted, !template.longTerm && accepted ? 1 : 0, answer, new Date(now), MAX_ONE_TIME_GRANTS]
      )
    }
  })
  return { ...(await pushTemplates(db, config, userId, platform)), ignored }
}

// ---------------------------------------------------------------- the drain

export interface DrainOptions {
  db: Db
  config: Config
  senders: PushSenders
  /** Written on the rows a worker claims, e.g. host:pid:random. */
  workerId: string
  now: () => number
  /** Stop after this long (the job is sent again while work remains). */
  budgetMs?: number
  /** Checked between batches: a stopping worker leaves the rest pending. */
  stopping?: () => boolean
}

/** A claimed push with what its message needs, and the channel chosen for it (none: skipped). */
interface Claimed {
  /** The message's id (push_deliveries.notification_id). */
  id: string
  userId: string
  attempts: number
  payload: PushValues | null
  kind: string
  title: string
  body: string
  path: string
  createdAt: Date
  demandTitle: string | null
  campaignId: string | null
  enterpriseDeadlineAt: Date | null
  recommenderDeadlineAt: Date | null
  platform: Platform | null
  platformUserId: string | null
  templateId: string | null
  oneTime: boolean
}

const RETRIES = 3

/**
 * Rows a process took longer ago than the lease and never moved on: `claimed` ones (not sent)
 * are pending again; `sending` ones (maybe sent) are given up as unknown.
 */
export async function expireStaleClaims(db: Queryable, leaseSeconds: number): Promise<{ released: number; unknown: number }> {
  const released = await db.query(
    `UPDATE push_deliveries SET state = 'pending', attempts = attempts - 1, claimed_by = NULL, claimed_at = NULL
      WHERE state = 'claimed' AND claimed_at < now() - make_interval(secs => $1) RETURNING 1`,
    [leaseSeconds]
  )
  const unknown = await db.query(
    `UPDATE push_deliveries SET state = 'unknown', result_code = 'NO_ANSWER', finished_at = now(),
            result_message = '发送途中进程中断，无法确认是否送达；为免重复不再发送（消息中心已有该消息）'
      WHERE state = 'sending' AND claimed_at < now() - make_interval(secs => $1) RETURNING 1`,
    [leaseSeconds]
  )
  return { released: released.length, unknown: unknown.length }
}

/** What the drains have to do: pushes due now, and claims of other processes not yet moved on. */
export async function pushWork(db: Queryable): Promise<{ pending: boolean; claimed: boolean }> {
  const [r] = await db.query<{ pending: boolean; claimed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM push_deliveries WHERE state = 'pending' AND (not_before IS NULL OR not_before <= now())) AS pending,
            EXISTS (SELECT 1 FROM push_deliveries WHERE state = 'claimed') AS claimed`
  )
  return r
}

/** Claims, sends and records batches until nothing is pending, the budget is spent or the worker stops. */
export async function drainPushes(opts: DrainOptions): Promise<{ claimed: number }> {
  const started = Date.now()
  const budget = opts.budgetMs ?? 60_000
  let claimed = 0
  for (;;) {
    if (opts.stopping?.() || Date.now() - started > budget) break
    const rows = await claimBatch(opts)
    if (rows.length === 0) break
    claimed += rows.length
    // what the messages need is read before they go out: between start and send only the commit is awaited
    const titles = await campaignTitles(opts.db, rows)
    await recordResults(opts, await sendAll(opts, await startSending(opts, rows), titles))
  }
  return { claimed }
}

/** The templates this process can send, for the claim to choose among. */
function sendableTemplates(opts: DrainOptions) {
  return (Object.keys(opts.senders) as Platform[]).flatMap((platform) =>
    PUSH_PURPOSES.map((purpose) => ({ platform, purpose, ...opts.config.push[platform][purpose] })).filter((t) => t.id)
  )
}

/**
 * One statement: takes a batch of pending pushes (SKIP LOCKED: never a row another worker
 * has), chooses each one's channel (a linked phone whose consent for the template still
 * allows a message, long-term first, the latest phone first), and marks it sending, or
 * skipped with the reason when there is none or the person turned such pushes off.
 */
async function claimBatch(opts: DrainOptions): Promise<Claimed[]> {
  const rows = await opts.db.query<Claimed & { state: string }>(
    `WITH picked AS (
       SELECT notification_id FROM push_deliveries
        WHERE state = 'pending' AND (not_before IS NULL OR not_before <= now())
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
     templates AS (
       SELECT * FROM jsonb_to_recordset($4::jsonb) AS t(platform text, purpose text, id text, "longTerm" boolean)),
     info AS (
       SELECT p.notification_id AS id, p.user_id, p.payload, p.attempts + 1 AS attempts, n.kind, n.title, n.body, n.path, n.created_at,
              d.title AS demand_title, k.id AS campaign_id, k.enterprise_deadline_at, k.recommender_deadline_at,
              CASE WHEN n.kind LIKE $5 THEN 'reminder' ELSE 'status' END AS purpose,
              COALESCE((SELECT s.enabled FROM notification_settings s
                         WHERE s.user_id = p.user_id
                           AND s.key = CASE WHEN n.kind LIKE $5 THEN NULL
                                            WHEN n.kind = $3 THEN 'push:thread' ELSE 'push:status' END), true) AS allowed
         FROM picked JOIN push_deliveries p ON p.notification_id = picked.notification_id
         JOIN notifications n ON n.id = p.notification_id
         LEFT JOIN demands d ON d.id = n.demand_id
         LEFT JOIN campaigns k ON k.id = COALESCE(n.campaign_id, d.campaign_id)),
     chosen AS (
       SELECT i.*, ch.platform, ch.platform_user_id, ch.template_id, ch.long_term
         FROM info i LEFT JOIN LATERAL (
           SELECT b.platform, b.platform_user_id, c.template_id, c.long_term
             FROM platform_bindings b
             JOIN templates t ON t.platform = b.platform AND t.purpose = i.purpose
             JOIN push_consents c ON c.user_id = b.user_id AND c.platform = b.platform AND c.template_id = t.id
                                 AND c.long_term = t."longTerm" AND (c.long_term OR c.one_time_grants > 0)
            WHERE b.user_id = i.user_id AND i.allowed
            ORDER BY c.long_term DESC, b.bound_at DESC LIMIT 1) ch ON true)
     UPDATE push_deliveries p SET
            state = CASE WHEN c.platform IS NULL THEN 'skipped' ELSE 'claimed' END,
            result_code = CASE WHEN NOT c.allowed THEN 'OPTED_OUT' WHEN c.platform IS NULL THEN 'NO_CONSENT' END,
            finished_at = CASE WHEN c.platform IS NULL THEN now() END,
            platform = c.platform, platform_user_id = c.platform_user_id, template_id = c.template_id,
            used_one_time_grant = NOT COALESCE(c.long_term, true),
            claimed_by = $2, claimed_at = now(), attempts = c.attempts
       FROM chosen c WHERE p.notification_id = c.id
     RETURNING c.id, c.user_id AS "userId", c.payload, c.attempts, c.kind, c.title, c.body, c.path, c.created_at AS "createdAt",
               c.demand_title AS "demandTitle", c.campaign_id AS "campaignId",
               c.enterprise_deadline_at AS "enterpriseDeadlineAt", c.recommender_deadline_at AS "recommenderDeadlineAt",
               c.platform, c.platform_user_id AS "platformUserId", c.template_id AS "templateId",
               NOT COALESCE(c.long_term, true) AS "oneTime", p.state`,
    [opts.config.jobs.sendBatch, opts.workerId, MESSAGE_KINDS.threadMessage, JSON.stringify(sendableTemplates(opts)), REMINDER_KINDS],
    { name: 'push-claim' }
  )
  return rows.filter((r) => r.state === 'claimed')
}

/**
 * One transaction: the claims this process still holds become `sending`, and each message
 * that relies on a one-time consent uses one up; where another batch took the last one
 * meanwhile, the message is skipped. Returns what is to be sent now.
 */
async function startSending(opts: DrainOptions, rows: Claimed[]): Promise<Claimed[]> {
  return opts.db.transaction(async (tx) => {
    const held = new Set(
      (
        await tx.query<{ id: string }>(
          `UPDATE push_deliveries SET state = 'sending', claimed_at = now()
            WHERE notification_id = ANY($1::uuid[]) AND claimed_by = $2 AND state = 'claimed' RETURNING notification_id AS id`,
          [rows.map((r) => r.id), opts.workerId]
        )
      ).map((r) => r.id)
    )
    const send: Claimed[] = []
    for (const row of rows.filter((r) => held.has(r.id))) {
      const used =
        !row.oneTime ||
        (
          await tx.query(
            `UPDATE push_consents SET one_time_grants = one_time_grants - 1
              WHERE user_id = $1 AND platform = $2 AND template_id = $3 AND one_time_grants > 0 RETURNING 1`,
            [row.userId, row.platform, row.templateId]
          )
        ).length > 0
      if (used) send.push(row)
      else {
        await tx.query(
          `UPDATE push_deliveries SET state = 'skipped', result_code = 'NO_CONSENT', finished_at = now() WHERE notification_id = $1`,
          [row.id]
        )
      }
    }
    return send
  })
}

/** The template values of a message: titles and text from the message, times for reminders, the writer's own last. */
function valuesOf(row: Claimed, campaignTitle: string, now: number): PushValues {
  const values: PushValues = {
    campaign: campaignTitle,
    demand: row.demandTitle?.trim() || (row.demandTitle === null ? '' : '未命名需求'),
    status: row.title,
    note: row.body,
    time: row.createdAt.toISOString()
  }
  const deadline = row.kind === MESSAGE_KINDS.recommenderReminder ? row.recommenderDeadlineAt : row.enterpriseDeadlineAt
  if (purposeOf(row.kind) === 'reminder' && deadline) {
    // shown as 23:59 of the deadline day: 24:00 is not a time the platforms accept
    values.deadline = new Date(deadline.getTime() - 60_000).toISOString()
    values.left = formatTimeLeft(deadline.getTime() - now)
  }
  return { ...values, ...(row.payload ?? {}) }
}

type Outcome = { row: Claimed; result: PushResult }

/** Campaign titles from the per-process cache: a definition is large, reading it per message is not. */
async function campaignTitles(db: Queryable, rows: Claimed[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>()
  for (const id of new Set(rows.map((r) => r.campaignId).filter((id): id is string => id !== null))) {
    titles.set(id, (await cachedDefinition(db, id))?.title ?? '')
  }
  return titles
}

/** The whole batch at once: what is sending is what is in flight. */
async function sendAll(opts: DrainOptions, rows: Claimed[], titles: Map<string, string>): Promise<Outcome[]> {
  return Promise.all(
    rows.map(async (row): Promise<Outcome> => {
      const template = opts.config.push[row.platform!][purposeOf(row.kind)]
      const values = valuesOf(row, titles.get(row.campaignId ?? '') ?? '', opts.now())
      try {
        return { row, result: await opts.senders[row.platform!]!.send({ toUser: row.platformUserId!, template, page: row.path, values }) }
      } catch (err) {
        return { row, result: pushFailure('NO_ANSWER', 'exception', String(err)) }
      }
    })
  )
}

/**
 * How each push ended: sent, to try again later (after a delay counted on the database's clock,
 * like the leases, so every instance agrees when it is due), failed, or unknown (no answer).
 */
function ending({ row, result: r }: Outcome) {
  if (r.ok) return { state: 'sent', code: 'SENT', platformCode: r.platformCode, message: null, retryAfterSeconds: null }
  const retry = r.retryable && row.attempts < RETRIES
  return {
    state: retry ? 'pending' : r.code === 'NO_ANSWER' ? 'unknown' : 'failed',
    code: r.code,
    platformCode: r.platformCode,
    message: r.message ?? null,
    retryAfterSeconds: retry ? 30 * 2 ** (row.attempts - 1) : null
  }
}

async function recordResults(opts: DrainOptions, outcomes: Outcome[]): Promise<void> {
  const ends = outcomes.map(ending)
  await opts.db.query(
    `UPDATE push_deliveries p SET state = v.state, result_code = v.code, platform_code = v.pcode, result_message = v.msg,
            not_before = now() + make_interval(secs => v.retry_after), finished_at = CASE WHEN v.state = 'pending' THEN NULL ELSE now() END
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[]) AS v(id, state, code, pcode, msg, retry_after)
      WHERE p.notification_id = v.id AND p.claimed_by = $7 AND p.state IN ('sending', 'unknown')`,
    [
      outcomes.map((o) => o.row.id),
      ends.map((e) => e.state),
      ends.map((e) => e.code),
      ends.map((e) => e.platformCode),
      ends.map((e) => e.message),
      ends.map((e) => e.retryAfterSeconds),
      opts.workerId
    ],
    { name: 'push-record' }
  )
  for (const [i, { row }] of outcomes.entries()) {
    const { code } = ends[i]
    const key = [row.userId, row.platform, row.templateId]
    // only a delivered message uses up a one-time consent; an unanswered one may have
    if (row.oneTime && !['SENT', 'NO_ANSWER', 'REFUSED'].includes(code)) {
      await opts.db.query(`UPDATE push_consents SET one_time_grants = one_time_grants + 1 WHERE user_id = $1 AND platform = $2 AND template_id = $3`, key)
    }
    if (code === 'REFUSED') {
      // 43101: refused, cancelled, or no consent left on the platform's side; ask again before the next one
      await opts.db.query(
        `UPDATE push_consents SET long_term = false, one_time_grants = 0, last_result = 'refused', updated_at = now()
          WHERE user_id = $1 AND platform = $2 AND template_id = $3`,
        key
      )
    }
  }
}

