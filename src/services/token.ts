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
