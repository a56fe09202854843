/**
 * Sign-in with the government account, as the domain sees it: a pending sign-in kept until
 * the provider calls back (used once), the person found or created from the verified
 * identity, then either a session (H5) or a one-time code the mini-program trades for a
 * session (handoff); and the WeChat / Alipay user id bound to whoever signed in last on a
 * phone. Cookies, redirects and pages are the route's (server/routes/auth.ts, ./pages.ts).
 */
import { currentAgreementsIn, parseAgreementsParam } from '../../types/agreements'
import type { Platform } from '../../types/domain'
import { recordConsents } from '../account'
import type { Deps } from '../deps'
import { AppError, badRequest } from '../errors'
import { PlatformLoginError } from '../integrations/platform-login'
import { hit } from '../rate-limit'
import { upsertUserFromIdentity } from '../users'
import { createSession, randomToken, sha256, type SessionClient } from './sessions'

type SignInDeps = Pick<Deps, 'db' | 'govLogin' | 'config'>

const PENDING_TTL_MS = 10 * 60_000
const HANDOFF_TTL_MS = 2 * 60_000
/** Seconds the browser keeps the pending sign-in's state cookie. */
export const PENDING_TTL_SECONDS = PENDING_TTL_MS / 1000

/** Where the app may ask to return after signing in: one of its pages. */
const RETURN_TO = /^\/(pages|packages)\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9=&%_.-]*)?$/

interface PendingRow {
  nonce: string
  code_verifier: string
  client: SessionClient
  return_to: string
  /** The agreements ticked on the sign-in screen (`terms@v,privacy@v`), recorded for whoever signs in. */
  agreed: string
}

/** Starts a sign-in from `ip` (limited per address): where to send the browser, and the state to keep. */
export async function beginSignIn(
  deps: SignInDeps,
  request: { ip: string; client: SessionClient; returnTo: string | undefined; agree?: string },
  now: number
): Promise<{ url: string; state: string }> {
  const { db, config } = deps
  await hit(db, `sign-in:address:${request.ip}`, config.signInLimits.perAddress, now)
  const { url, pending } = await deps.govLogin.begin()
  const returnTo = RETURN_TO.test(request.returnTo ?? '') ? request.returnTo! : ''
  await db.query(
    `INSERT INTO auth_requests (state, nonce, code_verifier, client, return_to, created_at, expires_at, agreed)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [pending.state, pending.nonce, pending.codeVerifier, request.client, returnTo, new Date(now), new Date(now + PENDING_TTL_MS), request.agree ?? '']
  )
  return { url, state: pending.state }
}

/** How a callback ends: a session for the browser, a code for the mini-program. */
export type SignInOutcome =
  | { kind: 'session'; token: string; csrfToken: string; expiresAt: Date; returnTo: string }
  | { kind: 'handoff'; code: string }

/**
 * Completes the sign-in of `state` from the provider's callback URL. Each pending sign-in is
 * used once: a replayed, forged or expired state is AUTH_STATE_INVALID; a failed verification
 * or a refused identity is the AppError the provider port raises.
 */
export async function completeSignIn(deps: SignInDeps, callbackUrl: string, state: string | undefined, now: number): Promise<SignInOutcome> {
  const { db, config } = deps
  const [pending] = state
    ? await db.query<PendingRow>(
        `UPDATE auth_requests SET consumed_at = $2
          WHERE state = $1 AND consumed_at IS NULL AND expires_at > $2
        RETURNING nonce, code_verifier, client, return_to, agreed`,
        [state, new Date(now)]
      )
    : []
  if (!pending) throw badRequest('AUTH_STATE_INVALID', '登录请求无效或已过期，请重新登录。')

  const identity = await deps.govLogin.complete(callbackUrl, { state: state!, nonce: pending.nonce, codeVerifier: pending.code_verifier })
  await hit(db, `sign-in:account:${identity.issuer}:${identity.subject}`, config.signInLimits.perAccount, now)
  const userId = await db.transaction(async (tx) => {
    const id = await upsertUserFromIdentity(tx, identity, now)
    await recordConsents(tx, id, currentAgreementsIn(parseAgreementsParam(pending.agreed)), now)
    return id
  })

  if (pending.client === 'mp') {
    const code = randomToken()
    await db.query('INSERT INTO auth_handoffs (code_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      sha256(code),
      userId,
      new Date(now + HANDOFF_TTL_MS)
    ])
    return { kind: 'handoff', code }
  }
  const session = await createSession(db, userId, 'h5', now, config.sessionTtlHours)
  return { kind: 'session', token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, returnTo: pending.return_to }
}

/** Trades a mini-program's one-time code (used once, limited per address) for a bearer session. */
export async function redeemHandoff(deps: Pick<Deps, 'db' | 'config'>, ip: string, code: string, now: number): Promise<{ token: string; expiresAt: string }> {
  const { db, config } = deps
  await hit(db, `sign-in:address:${ip}`, config.signInLimits.perAddress, now)
  const [row] = await db.query<{ user_id: string }>(
    `UPDATE auth_handoffs SET consumed_at = $2
      WHERE code_hash = $1 AND consumed_at IS NULL AND expires_at > $2 RETURNING user_id`,
    [sha256(code), new Date(now)]
  )
  if (!row) throw badRequest('HANDOFF_INVALID', '登录凭证无效或已过期，请重新登录')
  const session = await createSession(db, row.user_id, 'mp', now, config.sessionTtlHours)
  return { token: session.token, expiresAt: session.expiresAt.toISOString() }
}

/** Binds the platform user of a wx/my.login `code` to the signed-in person: it follows whoever signed in last on that phone. */
export async function bindPlatformUser(deps: Pick<Deps, 'db' | 'platformLogins'>, userId: string, platform: Platform, code: string, now: number): Promise<void> {
  let identity
  try {
    identity = await deps.platformLogins[platform].exchange(code)
  } catch (err) {
    if (err instanceof PlatformLoginError) {
      const status = err.code === 'PLATFORM_CODE_INVALID' ? 400 : 502
      throw new AppError(status, err.code, err.message, undefined, err)
    }
    throw err
  }
  await deps.db.query(
    `INSERT INTO platform_bindings (platform, platform_user_id, user_id, union_id, bound_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (platform, platform_user_id) DO UPDATE SET user_id = EXCLUDED.user_id,
       union_id = EXCLUDED.union_id, bound_at = EXCLUDED.bound_at`,
    [platform, identity.platformUserId, userId, identity.unionId ?? null, new Date(now)]
  )
}
