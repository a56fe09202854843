/**
 * What the product keeps no longer than it needs: expired sign-in requests and hand-off codes,
 * ended sessions, finished rate-limit windows, and uploads no draft or submission refers to.
 * Run daily by the job queue (server/jobs), from one process at a time; safe to run again.
 */
import type { Queryable } from './db'
import { UNREFERENCED_ATTACHMENT } from './files'

const DAY_MS = 86_400_000
/** An upload waits this long for the draft save that refers to it (the app saves within seconds). */
export const UPLOAD_GRACE_MS = DAY_MS
/** Rate-limit windows are at most this long (config: 10 minutes today). */
const LONGEST_LIMIT_WINDOW_MS = DAY_MS

export interface Removed {
  authRequests: number
  handoffs: number
  sessions: number
  rateLimits: number
  uploads: number
}

const count = async (db: Queryable, sql: string, params: unknown[]) => (await db.query(sql + ' RETURNING 1', params)).length

export async function removeExpired(db: Queryable, now: number): Promise<Removed> {
  const at = new Date(now)
  return {
    authRequests: await count(db, 'DELETE FROM auth_requests WHERE expires_at <= $1', [at]),
    handoffs: await count(db, 'DELETE FROM auth_handoffs WHERE expires_at <= $1', [at]),
    sessions: await count(db, 'DELETE FROM sessions WHERE expires_at <= $1 OR revoked_at IS NOT NULL', [at]),
    rateLimits: await count(db, 'DELETE FROM rate_limits WHERE window_start <= $1', [new Date(now - LONGEST_LIMIT_WINDOW_MS)]),
    uploads: await count(
      db,
      `DELETE FROM attachments a USING demands d WHERE d.id = a.demand_id AND a.created_at <= $1 AND ${UNREFERENCED_ATTACHMENT}`,
      [new Date(now - UPLOAD_GRACE_MS)]
    )
  }
}
