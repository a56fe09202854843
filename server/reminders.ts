/**
 * Deadline reminders: which milestones came due (planned by the minute tick), the fan-out of
 * one milestone to every person it concerns, a deadline moved by the bureau, and each person's
 * choice of reminders. The policy itself is pure and lives in types/reminders.ts.
 *
 * Exactly once per (person, demand or campaign, milestone): the fan-out writes the
 * reminder_deliveries row (unique on that triple), the message-center message and its queued
 * push in one statement; a second worker, a retried job or a restarted process finds the row
 * and writes nothing.
 */
import crypto from 'node:crypto'
import type { CalendarDay, CampaignDefinition } from '../types/campaign'
import { dayOf } from '../types/time'
import type { Role } from '../types/domain'
import type { NotificationSetting, ReminderSchedule, ScheduledMilestone } from '../types/messages'
import {
  DEFAULT_REMINDER_POLICY,
  REMIND_OWNER_STATUSES,
  UNDECIDED_STATUSES,
  campaignDeadlines,
  dueMilestones,
  milestoneState,
  milestones,
  offsetLabel,
  offsetMs,
  reminderPolicy,
  reminderText,
  type ReminderAudience,
  type ReminderSubject
} from '../types/reminders'
import { validateDefinition } from '../types/validate-definition'
import type { Session } from './auth/sessions'
import { publishVersion } from './campaigns'
import { SERVES_CAMPAIGN } from './unit-scope'
import type { Db, Queryable } from './db'
import { badRequest, notFound } from './errors'
import { APP_PATHS, MESSAGE_KINDS, announcePush } from './messages'

interface RunRow {
  id: string
  campaignId: string
  audience: ReminderAudience
  offset: string
  deadlineAt: Date
  definition: CampaignDefinition
}

const RUN_COLUMNS = `r.id, r.campaign_id AS "campaignId", r.audience, r.lead_time AS "offset", r.deadline_at AS "deadlineAt", c.definition`

const stateOf = (run: RunRow, now: number) =>
  milestoneState(run.definition, { audience: run.audience, offset: run.offset, deadlineAt: run.deadlineAt.getTime() }, now)

/**
 * The minute tick: records every milestone that came due (once per deadline), cancels runs
 * that a moved deadline or a later milestone made wrong, and returns the runs to work now.
 */
export async function planReminderRuns(db: Queryable, now: number): Promise<string[]> {
  const campaigns = await db.query<{ id: string; definition: CampaignDefinition }>(
    'SELECT id, definition FROM campaigns WHERE recommender_deadline_at > $1',
    [new Date(now)]
  )
  for (const c of campaigns) {
    for (const m of dueMilestones(c.definition, now)) {
      await db.query(
        `INSERT INTO reminder_runs (campaign_id, audience, lead_time, deadline_at, fire_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (campaign_id, audience, lead_time, deadline_at) DO UPDATE SET state = 'pending'
          WHERE reminder_runs.state = 'cancelled'`,
        [c.id, m.audience, m.offset, new Date(m.deadlineAt), new Date(m.fireAt), new Date(now)]
      )
    }
  }
  const pending = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM reminder_runs r JOIN campaigns c ON c.id = r.campaign_id WHERE r.state = 'pending' ORDER BY r.id`
  )
  const go: string[] = []
  for (const run of pending) {
    const state = stateOf(run, now)
    if (state === 'cancel') await cancelRun(db, run.id, now)
    if (state === 'go') go.push(String(run.id))
  }
  return go
}

async function cancelRun(db: Queryable, id: string, now: number) {
  await db.query(`UPDATE reminder_runs SET state = 'cancelled', finished_at = $2 WHERE id = $1 AND state = 'pending'`, [id, new Date(now)])
}

export interface RunOptions {
  /** People per transaction. */
  chunkSize?: number
  /** After each committed chunk (the worker wakes the push drains). */
  afterChunk?: () => Promise<void>
  stopping?: () => boolean
}

export type RunOutcome = 'done' | 'wait' | 'cancelled' | 'stopped' | 'missing'

/**
 * Sends one milestone to everyone it concerns, a chunk per transaction, until nobody is left.
 * Safe to run twice at once and to run again after a crash: whoever already has the reminder
 * is skipped, and the unique key settles any race.
 */
export async function workRun(db: Db, runId: string, clock: () => number, opts: RunOptions = {}): Promise<RunOutcome> {
  const chunkSize = opts.chunkSize ?? 2000
  // where this pass has got to (demand ids in order); a pass after a crash starts again from
  // the beginning and skips who already has the reminder
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    if (opts.stopping?.()) return 'stopped'
    const now = clock()
    // Read the campaign again every chunk: the bureau may move the deadline meanwhile.
    const [run] = await db.query<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM reminder_runs r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = $1 AND r.state = 'pending'`,
      [runId]
    )
    if (!run) return 'missing'
    const state = stateOf(run, now)
    if (state === 'cancel') {
      await cancelRun(db, runId, now)
      return 'cancelled'
    }
    if (state === 'wait') return 'wait'

    const rows = run.audience === 'enterprise' ? await ownersToRemind(db, run, after, chunkSize) : await unitsToRemind(db, run)
    if (rows.length === 0) {
      await db.query(`UPDATE reminder_runs SET state = 'done', finished_at = $2 WHERE id = $1 AND state = 'pending'`, [runId, new Date(now)])
      return 'done'
    }
    await deliver(db, run, rows, now)
    await opts.afterChunk?.()
    after = rows[rows.length - 1].subjectId // demand ids in order (unit reminders come in one chunk)
  }
}

interface Recipient {
  userId: string
  subjectId: string
  demandId: string | null
  path: string
  /** What the text talks about (the demand, or the unit's undecided count). */
  subject: ReminderSubject
}

const milestoneKey = (run: Pick<RunRow, 'audience' | 'offset'>) => `${run.audience}:${run.offset}`
export const reminderSettingKey = (milestone: string) => `reminder:${milestone}`

/** Owners of drafts (and of returned demands not resubmitted) who do not have this reminder yet. */
async function ownersToRemind(db: Queryable, run: RunRow, after: string, limit: number): Promise<Recipient[]> {
  const key = milestoneKey(run)
  const rows = await db.query<{ id: string; ownerId: string; title: string; status: (typeof REMIND_OWNER_STATUSES)[number] }>(
    `SELECT d.id, d.owner_id AS "ownerId", d.title, d.status FROM demands d
      WHERE d.campaign_id = $1 AND d.status = ANY($2) AND d.id > $6
        AND NOT EXISTS (SELECT 1 FROM reminder_deliveries r WHERE r.user_id = d.owner_id AND r.subject_id = d.id::text AND r.milestone = $3)
        AND NOT EXISTS (SELECT 1 FROM notification_settings s WHERE s.user_id = d.owner_id AND s.key = $4 AND NOT s.enabled)
      ORDER BY d.id LIMIT $5`,
    [run.campaignId, REMIND_OWNER_STATUSES, key, reminderSettingKey(key), limit, after]
  )
  return rows.map((d) => ({
    userId: d.ownerId,
    subjectId: d.id,
    demandId: d.id,
    path: APP_PATHS.wizard(d.id),
    subject: { audience: 'enterprise', demandTitle: d.title, status: d.status }
  }))
}

/** Recommenders of every unit with demands still waiting for its decision. */
async function unitsToRemind(db: Queryable, run: RunRow): Promise<Recipient[]> {
  const key = milestoneKey(run)
  const rows = await db.query<{ userId: string; undecided: number }>(
    `SELECT u.id AS "userId", count(*)::int AS undecided
       FROM demands d JOIN campaigns c ON c.id = d.campaign_id
       JOIN users u ON u.role = 'recommender' AND u.recommender_unit = d.recommender_unit AND ${SERVES_CAMPAIGN}
      WHERE d.campaign_id = $1 AND d.status = ANY($2)
        AND NOT EXISTS (SELECT 1 FROM reminder_deliveries r WHERE r.user_id = u.id AND r.subject_id = $1 AND r.milestone = $3)
        AND NOT EXISTS (SELECT 1 FROM notification_settings s WHERE s.user_id = u.id AND s.key = $4 AND NOT s.enabled)
      GROUP BY u.id ORDER BY u.id`,
    [run.campaignId, UNDECIDED_STATUSES, key, reminderSettingKey(key)]
  )
  return rows.map((r) => ({
    userId: r.userId,
    subjectId: run.campaignId,
    demandId: null,
    path: APP_PATHS.recommendInbox(run.campaignId),
    subject: { audience: 'recommender', undecided: r.undecided }
  }))
}

/** One statement: claim each (person, subject, milestone), write the message and queue its push, for the claims that won. */
async function deliver(db: Db, run: RunRow, rows: Recipient[], now: number): Promise<void> {
  const kind = run.audience === 'enterprise' ? MESSAGE_KINDS.enterpriseReminder : MESSAGE_KINDS.recommenderReminder
  // the texts say how much time is left at the moment they are written
  const texts = rows.map((r) => reminderText(run.definition, run.deadlineAt.getTime(), now, r.subject))
  await db.transaction(async (tx) => {
    const [{ n }] = await tx.query<{ n: number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
           AS t(user_id, subject_id, notification_id, demand_id, title, body, path, payload)),
       claimed AS (
         INSERT INTO reminder_deliveries (user_id, subject_id, milestone, run_id, notification_id, created_at)
         SELECT user_id, subject_id, $9, $10, notification_id, $11 FROM input
         ON CONFLICT (user_id, subject_id, milestone) DO NOTHING
         RETURNING notification_id),
       notes AS (
         INSERT INTO notifications (id, user_id, kind, title, body, path, demand_id, campaign_id, created_at)
         SELECT i.notification_id, i.user_id, $12, i.title, i.body, i.path, i.demand_id, $13, $11
           FROM input i JOIN claimed c ON c.notification_id = i.notification_id
         RETURNING id, user_id),
       pushes AS (
         INSERT INTO push_deliveries (notification_id, user_id, payload)
         SELECT n.id, n.user_id, i.payload FROM notes n JOIN input i ON i.notification_id = n.id
         RETURNING 1)
       SELECT count(*)::int AS n FROM pushes`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.subjectId),
        rows.map(() => crypto.randomUUID()),
        rows.map((r) => r.demandId),
        texts.map((t) => t.title),
        texts.map((t) => t.body),
        rows.map((r) => r.path),
        texts.map((t) => JSON.stringify({ note: t.note })),
        milestoneKey(run),
        run.id,
        new Date(now),
        kind,
        run.campaignId
      ]
    )
    await tx.query('UPDATE reminder_runs SET delivered = delivered + $2 WHERE id = $1', [run.id, n])
    if (n > 0) await announcePush(tx)
  })
}

// ---------------------------------------------------------------- the schedule and a moved deadline

export async function reminderSchedule(db: Queryable, campaignId: string, now: number): Promise<ReminderSchedule> {
  const [campaign] = await db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE id = $1', [campaignId])
  if (!campaign) throw notFound('征集活动')
  const def = campaign.definition
  const runs = await db.query<{ audience: ReminderAudience; offset: string; deadlineAt: Date; state: string; delivered: number }>(
    `SELECT audience, lead_time AS "offset", deadline_at AS "deadlineAt", state, delivered FROM reminder_runs WHERE campaign_id = $1`,
    [campaignId]
  )
  const deadlines = campaignDeadlines(def)
  return {
    campaignId,
    enterpriseDeadlineAt: new Date(deadlines.enterprise).toISOString(),
    recommenderDeadlineAt: new Date(deadlines.recommender).toISOString(),
    quietHours: reminderPolicy(def).quietHours,
    milestones: milestones(def).map((m) => {
      const same = runs.filter((r) => r.audience === m.audience && r.offset === m.offset)
      const run = same.find((r) => r.deadlineAt.getTime() === m.deadlineAt)
      const verdict = milestoneState(def, m, now)
      const state: ScheduledMilestone['state'] = run
        ? ({ pending: 'sending', done: 'sent', cancelled: 'skipped' } as const)[run.state as 'pending' | 'done' | 'cancelled']
        : verdict === 'go' ? 'due' : verdict === 'cancel' ? 'skipped' : 'planned'
      return {
        audience: m.audience,
        offset: m.offset,
        label: offsetLabel(m.offset),
        fireAt: new Date(m.fireAt).toISOString(),
        state,
        delivered: same.reduce((sum, r) => sum + r.delivered, 0)
      }
    })
  }
}

export interface DeadlineChange {
  enterprise?: CalendarDay
  recommender?: CalendarDay
  reason?: string
}

/**
 * The bureau moves a campaign's deadlines: a new version of its definition (publishVersion),
 * which cancels what was planned for the old deadline and tells the enterprises still filing.
 * The milestones of the new deadline go out when they come due; who already had a milestone
 * does not get it again. Returns the new schedule.
 */
export async function moveDeadline(db: Db, campaignId: string, change: DeadlineChange, actor: { userId: string }, now: number): Promise<ReminderSchedule> {
  const [row] = await db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE id = $1', [campaignId])
  if (!row) throw notFound('征集活动')
  const before = row.definition.deadlines
  const def: CampaignDefinition = {
    ...row.definition,
    deadlines: { enterprise: change.enterprise ?? before.enterprise, recommender: change.recommender ?? before.recommender }
  }
  const checked = validateDefinition(def)
  if (!checked.ok) {
    const fields = checked.problems.map((p) => ({ field: p.path.replace(/^deadlines\./, ''), code: 'INVALID_DEADLINE', message: p.message }))
    throw badRequest('INVALID_DEADLINE', fields[0].message, fields)
  }
  const today = dayOf(now, def.timezone)
  for (const key of ['enterprise', 'recommender'] as const) {
    if (change[key] !== undefined && change[key]! < today && change[key] !== before[key]) {
      throw badRequest('DEADLINE_IN_PAST', '截止日期不能早于今天', [{ field: key, code: 'DEADLINE_IN_PAST', message: '截止日期不能早于今天' }])
    }
  }
  await publishVersion(db, def, { source: 'deadline', actorId: actor.userId, action: 'move_deadline', reason: change.reason }, now)
  return reminderSchedule(db, campaignId, now)
}

// ---------------------------------------------------------------- which reminders a person gets

const PUSH_SETTINGS: Record<string, { label: string; roles: Role[] }> = {
  'push:status': { label: '需求状态变化时推送到手机', roles: ['enterprise'] },
  'push:thread': { label: '收到新留言时推送到手机', roles: ['enterprise', 'recommender'] }
}

const AUDIENCE_OF: Partial<Record<Role, ReminderAudience>> = { enterprise: 'enterprise', recommender: 'recommender' }

/** The settings that apply to the person's role: the reminders of the default policy and of open campaigns, and the pushes. */
async function settingKeys(db: Queryable, role: Role, now: number): Promise<Array<Omit<NotificationSetting, 'enabled'>>> {
  const audience = AUDIENCE_OF[role]
  const offsets = new Set<string>(audience ? DEFAULT_REMINDER_POLICY[audience] : [])
  if (audience) {
    const rows = await db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE recommender_deadline_at > $1', [new Date(now)])
    for (const r of rows) for (const o of reminderPolicy(r.definition)[audience]) offsets.add(o)
  }
  const reminders = [...offsets]
    .sort((a, b) => offsetMs(b)! - offsetMs(a)!)
    .map((o) => ({ key: reminderSettingKey(`${audience}:${o}`), group: 'reminder' as const, label: `${offsetLabel(o)}提醒` }))
  const pushes = Object.entries(PUSH_SETTINGS)
    .filter(([, s]) => s.roles.includes(role))
    .map(([key, s]) => ({ key, group: 'push' as const, label: s.label }))
  return [...reminders, ...pushes]
}

export async function notificationSettings(db: Queryable, session: Session, now: number): Promise<NotificationSetting[]> {
  const keys = await settingKeys(db, session.role, now)
  const stored = await db.query<{ key: string; enabled: boolean }>('SELECT key, enabled FROM notification_settings WHERE user_id = $1', [session.userId])
  return keys.map((k) => ({ ...k, enabled: stored.find((s) => s.key === k.key)?.enabled ?? true }))
}

export async function saveNotificationSettings(
  db: Queryable,
  session: Session,
  changes: Record<string, boolean>,
  now: number
): Promise<NotificationSetting[]> {
  const known = new Set((await settingKeys(db, session.role, now)).map((k) => k.key))
  const unknown = Object.keys(changes).filter((k) => !known.has(k))
  if (unknown.length) {
    throw badRequest('UNKNOWN_SETTING', `没有“${unknown[0]}”这项设置`, unknown.map((k) => ({ field: k, code: 'UNKNOWN_SETTING', message: '没有这项设置' })))
  }
  for (const [key, enabled] of Object.entries(changes)) {
    await db.query(
      `INSERT INTO notification_settings (user_id, key, enabled, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
      [session.userId, key, enabled, new Date(now)]
    )
  }
  return notificationSettings(db, session, now)
}
