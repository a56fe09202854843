/**
 * Fixed-window rate limits kept in PostgreSQL, so every server process counts together.
 * Used for sign-in (per client address and per government account) and, per person, for
 * uploads, thread posts and push-consent records (config.userLimits).
 */
import type { Queryable } from './db'
import { AppError } from './errors'

export interface Limit {
  max: number
  windowMs: number
}

/** Counts one hit on `key`; past the limit, answers 429 with when to try again. */
export async function hit(db: Queryable, key: string, limit: Limit, now: number): Promise<void> {
  const windowStart = new Date(Math.floor(now / limit.windowMs) * limit.windowMs)
  const [row] = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
    [key, windowStart]
  )
  if (row.hits > limit.max) {
    const minutes = Math.max(1, Math.ceil((windowStart.getTime() + limit.windowMs - now) / 60_000))
    throw new AppError(429, 'RATE_LIMITED', `操作过于频繁，请${minutes}分钟后再试`)
  }
  // A new window for this key: its earlier windows are no longer needed.
  if (row.hits === 1) await db.query('DELETE FROM rate_limits WHERE key = $1 AND window_start < $2', [key, windowStart])
}
