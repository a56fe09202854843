/**
 * Messages to people: the in-app message center (always), the thread of a demand, and the
 * push to the phone (WeChat / Alipay subscription messages) that every message-center message
 * queues in the same transaction (push_deliveries; server/push.ts sends them).
 */
import type { Role } from '../types/domain'
import type { MessageItem, MessagePage, Thread, ThreadKind, ThreadMessage } from '../types/messages'
import type { Session } from './auth/sessions'
import type { Queryable } from './db'
import { AppError, notFound } from './errors'
import { SERVES_CAMPAIGN } from './unit-scope'
import type { PushValues } from './integrations/push'

export interface Notice {
  userId: string
  kind: string
  title: string
  body: string
  path: string
  demandId?: string
  campaignId?: string
  /** Values for the phone's template where the defaults (titles, this notice's text) do not fit. */
  push?: PushValues
}

/** Kinds this module and the reminders write; status changes use `status_<status>`. */
export const MESSAGE_KINDS = {
  enterpriseReminder: 'reminder_enterprise',
  recommenderReminder: 'reminder_recommender',
  /** The bureau moved the enterprise deadline (or closed filing early): a reminder of the new date. */
  deadlineChanged: 'reminder_deadline_changed',
  threadMessage: 'thread_message'
} as const
/** Reminder kinds start with reminder_ (REMINDER_KINDS: the same rule as a LIKE pattern for SQL). */
export const isReminderKind = (kind: string) => kind.startsWith('reminder_')
export const REMINDER_KINDS = 'reminder\\_%'

/** Pending pushes are announced on this channel (at commit) so a worker picks them up at once. */
export const PUSH_CHANNEL = 'push_pending'

/**
 * Puts a message into a person's message center and queues its push to the phone.
 * Call inside the transaction of the change it reports: all three happen or none.
 */
export async function notify(db: Queryable, n: Notice, now: number): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `WITH note AS (
       INSERT INTO notifications (user_id, kind, title, body, path, demand_id, campaign_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, user_id),
     push AS (
       INSERT INTO push_deliveries (notification_id, user_id, payload) SELECT id, user_id, $9 FROM note)
     SELECT id FROM note`,
    [n.userId, n.kind, n.title, n.body, n.path, n.demandId ?? null, n.campaignId ?? null, new Date(now), n.push ? JSON.stringify(n.push) : null]
  )
  await announcePush(db)
  return row.id
}

/** Wakes the push workers when the surrounding transaction commits (NOTIFY is transactional). */
export async function announcePush(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [PUSH_CHANNEL, ''])
}

export type { ThreadKind }

/** Adds a message to a demand's thread; the author has read everything up to it. */
export async function postThreadMessage(
  db: Queryable,
  m: { demandId: string; authorId: string; authorRole: Role; kind: ThreadKind; body: string },
  now: number
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO thread_messages (demand_id, author_id, author_role, kind, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [m.demandId, m.authorId, m.authorRole, m.kind, m.body, new Date(now)]
  )
  await markThreadRead(db, m.demandId, m.authorId, now)
  return row.id
}

/** App paths that messages link to (kept in one place so the app and messages agree). */
export const APP_PATHS = {
  demandStatus: (demandId: string) => `/packages/demand/pages/status/index?id=${demandId}`,
  demandThread: (demandId: string) => `/packages/demand/pages/thread/index?id=${demandId}`,
  wizard: (demandId: string) => `/packages/demand/pages/wizard/index?id=${demandId}`,
  campaign: (campaignId: string) => `/pages/campaign/index?id=${campaignId}`,
  /** The recommending unit's list of demands in a campaign. */
  recommendInbox: (campaignId: string) => `/packages/recommend/pages/inbox/index?campaignId=${campaignId}`
}

// ---------------------------------------------------------------- message center

type MessageRow = Omit<MessageItem, 'createdAt'> & { createdAt: Date }

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId])
  return n
}

/** A person's messages, newest first, `limit` at a time; `before` is the last id of the previous page. */
export async function listMessages(db: Queryable, userId: string, opts: { before?: string; limit: number }): Promise<MessagePage> {
  const rows = await db.query<MessageRow>(
    `SELECT n.id, n.kind, n.title, n.body, n.path, n.demand_id AS "demandId", n.campaign_id AS "campaignId",
            n.created_at AS "createdAt", n.read_at IS NOT NULL AS read
       FROM notifications n
      WHERE n.user_id = $1
        AND ($2::uuid IS NULL OR (n.created_at, n.id) < (SELECT created_at, id FROM notifications WHERE id = $2 AND user_id = $1))
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $3`,
    [userId, opts.before ?? null, opts.limit + 1]
  )
  const page = rows.slice(0, opts.limit)
  return {
    messages: page.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    unread: await unreadCount(db, userId),
    nextBefore: rows.length > opts.limit ? page[page.length - 1].id : null
  }
}

/** Marks one message read (idempotent); 404 when it is not the person's. */
export async function markMessageRead(db: Queryable, userId: string, id: string, now: number): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    'UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id',
    [id, userId, new Date(now)]
  )
  if (!row) throw notFound('消息')
  return unreadCount(db, userId)
}

export async function markAllMessagesRead(db: Queryable, userId: string, now: number): Promise<void> {
  await db.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [userId, new Date(now)])
}

// ---------------------------------------------------------------- the thread of a demand

/**
 * Who takes part in a demand's thread: its owner; once submitted, the recommending unit its
 * latest submission chose (demands.recommender_unit) and the bureau that issues the campaign
 * (the same scope as its review, server/recommend.ts). Anyone else gets 404, as for the demand itself.
 */
export interface ThreadDemand {
  id: string
  title: string
  status: string
  ownerId: string
  campaignId: string
  recommenderUnit: string | null
}

/** SQL condition: the user (alias `u`) takes part in the thread of the demand (alias `d`, its campaign `c`). */
const IN_THREAD = `(d.owner_id = u.id OR (d.recommender_unit IS NOT NULL AND ${SERVES_CAMPAIGN}
  AND (u.role = 'bureau' OR (u.role = 'recommender' AND d.recommender_unit = u.recommender_unit))))`

export async function threadDemand(db: Queryable, session: Session, demandId: string): Promise<ThreadDemand> {
  const [row] = await db.query<ThreadDemand>(
    `SELECT d.id, d.title, d.status, d.owner_id AS "ownerId", d.campaign_id AS "campaignId", d.recommender_unit AS "recommenderUnit"
       FROM demands d JOIN campaigns c ON c.id = d.campaign_id JOIN users u ON u.id = $2
      WHERE d.id = $1 AND ${IN_THREAD}`,
    [demandId, session.userId]
  )
  if (!row) throw notFound('需求')
  return row
}

export async function getThread(db: Queryable, session: Session, demandId: string): Promise<Thread> {
  const demand = await threadDemand(db, session, demandId)
  const rows = await db.query<Omit<ThreadMessage, 'createdAt'> & { createdAt: Date; unread: boolean }>(
    `SELECT m.id, m.author_role AS "authorRole", u.display_name AS "authorName", m.author_id = $2 AS mine, m.kind, m.body,
            m.created_at AS "createdAt",
            EXISTS (SELECT 1 FROM thread_reads r WHERE r.demand_id = m.demand_id AND r.user_id <> m.author_id AND r.last_read_at >= m.created_at) AS "readByOthers",
            m.author_id <> $2 AND m.created_at > COALESCE((SELECT last_read_at FROM thread_reads WHERE demand_id = m.demand_id AND user_id = $2), '-infinity') AS unread
       FROM thread_messages m JOIN users u ON u.id = m.author_id
      WHERE m.demand_id = $1
      ORDER BY m.created_at, m.id`,
    [demandId, session.userId]
  )
  return {
    demandId,
    demandTitle: demand.title,
    messages: rows.map(({ unread: _unread, ...m }) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    unread: rows.filter((r) => r.unread).length
  }
}

/** The person has read the thread up to now; the demand's status and thread messages in the message center are read too. */
export async function markThreadRead(db: Queryable, demandId: string, userId: string, now: number): Promise<void> {
  await db.query(
    `INSERT INTO thread_reads (demand_id, user_id, last_read_at) VALUES ($1, $2, $3)
     ON CONFLICT (demand_id, user_id) DO UPDATE SET last_read_at = GREATEST(thread_reads.last_read_at, EXCLUDED.last_read_at)`,
    [demandId, userId, new Date(now)]
  )
  // what the thread shows (status changes with their reasons, messages), not the deadline reminders
  await db.query(
    `UPDATE notifications SET read_at = $3 WHERE user_id = $2 AND demand_id = $1 AND read_at IS NULL AND kind NOT LIKE $4`,
    [demandId, userId, new Date(now), REMINDER_KINDS]
  )
}

export const THREAD_MESSAGE_MAX = 1000

/**
 * Posts a message to the thread and tells the other sides in it (not the author's colleagues):
 * the owner, the recommenders of the chosen unit, and the bureau's accounts that have written
 * in this thread (a bureau account that never joined the conversation is not told of every question).
 */
export async function postToThread(db: Queryable, session: Session, demandId: string, body: string, now: number): Promise<ThreadMessage> {
  const demand = await threadDemand(db, session, demandId)
  // before the first submission no unit has the demand: nobody would read the message
  if (demand.recommenderUnit === null) throw new AppError(409, 'NO_RECOMMENDER', '需求提交后才能与所选推荐单位留言沟通')
  const id = await postThreadMessage(db, { demandId, authorId: session.userId, authorRole: session.role, kind: 'message', body }, now)
  const recipients = await db.query<{ id: string }>(
    `SELECT u.id FROM demands d JOIN campaigns c ON c.id = d.campaign_id JOIN users u ON ${IN_THREAD}
      WHERE d.id = $1 AND u.role <> $2
        AND (u.role <> 'bureau' OR EXISTS (SELECT 1 FROM thread_messages m WHERE m.demand_id = d.id AND m.author_id = u.id))
      ORDER BY u.id`,
    [demandId, session.role]
  )
  const name = demand.title.trim() || '未命名需求'
  for (const r of recipients) {
    await notify(
      db,
      {
        userId: r.id,
        kind: MESSAGE_KINDS.threadMessage,
        title: `“${name}”有新留言`,
        body: `${session.displayName}：${body}`,
        path: APP_PATHS.demandThread(demandId),
        demandId,
        campaignId: demand.campaignId,
        push: { status: '新留言', note: body }
      },
      now
    )
  }
  return {
    id,
    authorRole: session.role,
    authorName: session.displayName,
    mine: true,
    kind: 'message',
    body,
    createdAt: new Date(now).toISOString(),
    readByOthers: false
  }
}
