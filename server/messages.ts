/**
 * Messages to people: the in-app message center (always), and the thread of a demand.
 * Push channels (WeChat / Alipay subscription messages) hang off `notify`.
 */
import type { Role } from '../types/domain'
import type { Queryable } from './db'

export interface Notice {
  userId: string
  kind: string
  title: string
  body: string
  path: string
  demandId?: string
  campaignId?: string
}

/** Puts a message into a person's message center. Call inside the transaction of the change it reports. */
export async function notify(db: Queryable, n: Notice, now: number): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO notifications (user_id, kind, title, body, path, demand_id, campaign_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [n.userId, n.kind, n.title, n.body, n.path, n.demandId ?? null, n.campaignId ?? null, new Date(now)]
  )
  return row.id
}

export type ThreadKind = 'message' | 'return_reason' | 'decision'

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
  await db.query(
    `INSERT INTO thread_reads (demand_id, user_id, last_read_at) VALUES ($1, $2, $3)
     ON CONFLICT (demand_id, user_id) DO UPDATE SET last_read_at = GREATEST(thread_reads.last_read_at, EXCLUDED.last_read_at)`,
    [m.demandId, m.authorId, new Date(now)]
  )
  return row.id
}

/** App paths that messages link to (kept in one place so the app and messages agree). */
export const APP_PATHS = {
  demandStatus: (demandId: string) => `/packages/demand/pages/status/index?id=${demandId}`,
  demandThread: (demandId: string) => `/packages/demand/pages/thread/index?id=${demandId}`,
  wizard: (demandId: string) => `/packages/demand/pages/wizard/index?id=${demandId}`,
  campaign: (campaignId: string) => `/pages/campaign/index?id=${campaignId}`
}
