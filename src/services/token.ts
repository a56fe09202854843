import { storage } from './storage'

/** The bearer token of the mini-program session (H5 uses a cookie instead and stores none). */
const TOKEN_KEY = 'auth.token'

export interface StoredToken {
  token: string
  /** ISO instant from the server; undefined when unknown. */
  expiresAt?: string
}

export function getToken(): string | undefined {
  const stored = storage.get<StoredToken>(TOKEN_KEY)
  // No expiry check here: the phone's clock may be wrong; the server answers 401 when expired.
  if (!stored || typeof stored !== 'object' || !stored.token) return undefined
  return stored.token
}

export function setToken(token: string, expiresAt?: string): void {
  storage.set(TOKEN_KEY, { token, expiresAt } satisfies StoredToken)
}

export function clearToken(): void {
  storage.remove(TOKEN_KEY)
}

/** The cookie the server sets beside H5's httpOnly session cookie, readable by scripts (server CSRF_COOKIE). */
const CSRF_COOKIE = 'csrf_token'

/**
 * Whether a session may exist, known without asking the server: a stored bearer token
 * (mini-programs), or on H5 the csrf_token cookie a sign-in sets for as long as its session.
 * False means signed out for sure: calls that need a session would only answer 401.
 */
export function mayBeSignedIn(): boolean {
  if (getToken() !== undefined) return true
  return typeof document !== 'undefined' && typeof document.cookie === 'string' && new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=[^;]`).test(document.cookie)
}
