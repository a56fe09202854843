/**
 * Sessions: opaque random tokens, stored only as SHA-256 hashes, expiring and revocable.
 * H5 carries the token in an httpOnly cookie (with a CSRF token for unsafe methods);
 * mini-programs carry it as a bearer token.
 */
import crypto from 'node:crypto'
import type { Queryable } from '../db'
import { AppError } from '../errors'
import { AGREEMENTS, currentAgreementsIn } from '../../types/agreements'
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
  /** The agreements the person agreed to (every version), read with the session: the consent gate needs no query of its own. */
  agreed: Array<{ id: string; version: string }>
}

/**
 * A recommending unit's or the bureau's rights come from the identity provider's claims, read at
 * sign-in: their sessions last at most a day, so a unit the provider removed loses its role
 * within 24 hours (the next sign-in reads the claims again). Enterprise sessions last
 * SESSION_TTL_HOURS.
 */
export const REVIEWER_SESSION_HOURS = 24

/** The answer to a request without a live session. */
export const signInRequired = () => new AppError(401, 'UNAUTHENTICATED', '请先登录')

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

/**
 * How long a session read by this process may stand for requests whose own statement checks it
 * again (see findSession), and how many are kept.
 */
const REMEMBER_MS = 60_000
const REMEMBER_MAX = 10_000
const remembered = new Map<string, { session: Session; until: number }>()

/**
 * The live session of a token, with its user and the agreements the user agreed to, in one query.
 * `checkedByStatement`: the request's own statement checks the session again in the database
 * (enterpriseSessionIsLive: the draft save's update), so a session this process read in the last
 * minute may stand in: a revoked or expired one is still refused, by that statement. Sessions
 * that miss a current agreement are never remembered (an agreement given meanwhile counts at once;
 * agreements are only ever added while a process runs: a new version comes with a new release).
 */
export async function findSession(db: Queryable, token: string, now: number, opts: { checkedByStatement?: boolean } = {}): Promise<Session | null> {
  const hash = sha256(token)
  const known = opts.checkedByStatement ? remembered.get(hash) : undefined
  if (known && now < known.until) return known.session
  const [row] = await db.query<Session & { expiresAt: Date; createdAt: Date }>(
    `SELECT s.token_hash AS "tokenHash", s.user_id AS "userId", s.client, s.csrf_token AS "csrfToken",
            s.expires_at AS "expiresAt", s.created_at AS "createdAt",
            u.role, u.recommender_unit AS "recommenderUnit", u.recommender_issuer AS "recommenderIssuer", u.display_name AS "displayName",
            coalesce((SELECT json_agg(json_build_object('id', c.document, 'version', c.version)) FROM consents c WHERE c.user_id = s.user_id), '[]') AS agreed
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
        AND (u.role = 'enterprise' OR s.created_at > $3)`,
    [hash, new Date(now), new Date(now - REVIEWER_SESSION_HOURS * 3_600_000)],
    { name: 'find-session' }
  )
  if (!row) {
    remembered.delete(hash)
    return null
  }
  const { expiresAt, createdAt, ...session } = row
  if (currentAgreementsIn(session.agreed).length === AGREEMENTS.length) {
    const ends = Math.min(expiresAt.getTime(), session.role === 'enterprise' ? Infinity : createdAt.getTime() + REVIEWER_SESSION_HOURS * 3_600_000)
    if (remembered.size >= REMEMBER_MAX) remembered.clear()
    remembered.set(hash, { session, until: Math.min(now + REMEMBER_MS, ends) })
  }
  return session
}

/**
 * SQL condition (for a statement's WHERE): the session of token hash `hash` is live at `now` and
 * is the enterprise `user`'s — what findSession checks, for statements that check it again themselves.
 */
export const enterpriseSessionIsLive = (hash: string, user: string, now: string) =>
  `EXISTS (SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ${hash} AND s.user_id = ${user} AND s.revoked_at IS NULL AND s.expires_at > ${now} AND u.role = 'enterprise')`

export async function revokeSession(db: Queryable, tokenHash: string, now: number): Promise<void> {
  remembered.delete(tokenHash)
  await db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, new Date(now)])
}

/** Ends every session of a user, on every device; returns how many were live. */
export async function revokeAllSessions(db: Queryable, userId: string, now: number): Promise<number> {
  const rows = await db.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1', [userId, new Date(now)])
  return rows.length
}
