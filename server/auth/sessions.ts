/**
 * Sessions: opaque random tokens, stored only as SHA-256 hashes, expiring and revocable.
 * H5 carries the token in an httpOnly cookie (with a CSRF token for unsafe methods);
 * mini-programs carry it as a bearer token.
 */
import crypto from 'node:crypto'
import type { Queryable } from '../db'
import type { Role } from '../../types/domain'

export type SessionClient = 'h5' | 'mp'

export interface Session {
  tokenHash: string
  userId: string
  role: Role
  recommenderUnit: string | null
  /** The bureau whose campaigns the unit serves (see migration 010). */
  recommenderIssuer: string | null
  displayName: string
  client: SessionClient
  csrfToken: string
}

/**
 * A recommending unit's or the bureau's rights come from the identity provider's claims, read at
 * sign-in: their sessions last at most a day, so a unit the provider removed loses its role
 * within 24 hours (the next sign-in reads the claims again). Enterprise sessions last
 * SESSION_TTL_HOURS.
 */
export const REVIEWER_SESSION_HOURS = 24

export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url')
export const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex')

export async function createSession(
  db: Queryable,
  userId: string,
  client: SessionClient,
  now: number,
  ttlHours: number
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken()
  const csrfToken = randomToken(18)
  const expiresAt = new Date(now + ttlHours * 3_600_000)
  await db.query(
    'INSERT INTO sessions (token_hash, user_id, client, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [sha256(token), userId, client, csrfToken, new Date(now), expiresAt]
  )
  return { token, csrfToken, expiresAt }
}

export async function findSession(db: Queryable, token: string, now: number): Promise<Session | null> {
  const rows = await db.query<Session>(
    `SELECT s.token_hash AS "tokenHash", s.user_id AS "userId", s.client, s.csrf_token AS "csrfToken",
            u.role, u.recommender_unit AS "recommenderUnit", u.recommender_issuer AS "recommenderIssuer", u.display_name AS "displayName"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
        AND (u.role = 'enterprise' OR s.created_at > $3)`,
    [sha256(token), new Date(now), new Date(now - REVIEWER_SESSION_HOURS * 3_600_000)]
  )
  return rows[0] ?? null
}

export async function revokeSession(db: Queryable, tokenHash: string, now: number): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, new Date(now)])
}

/** Ends every session of a user, on every device; returns how many were live. */
export async function revokeAllSessions(db: Queryable, userId: string, now: number): Promise<number> {
  const rows = await db.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1', [userId, new Date(now)])
  return rows.length
}
