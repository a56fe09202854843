/**
 * Who is signed in. Mini-programs keep a bearer token in storage; H5 keeps a cookie session
 * and echoes its CSRF token. The server is the authority: `loadMe()` asks it.
 */
import type { Me } from '../../types/domain'
import { adoptAccountCareMode } from './care-mode'
import { ApiError, http, isApiError, setCsrfToken } from './http'
import { invalidate } from './query'
import { clearToken, setToken } from './token'

let current: Me | null = null

/** The signed-in user, or null when the server says we are not signed in (null for a visitor, 401 for an ended session). */
export async function loadMe(): Promise<Me | null> {
  try {
    const { data } = await http.get<Me | null>('/api/auth/me')
    current = data
    setCsrfToken(data?.csrfToken)
    if (data) adoptAccountCareMode(data.careMode)
    return data
  } catch (e) {
    if (isApiError(e) && e.isUnauthenticated) {
      current = null
      return null
    }
    throw e
  }
}

/** The signed-in user; when signed out, the 401 a screen shows as its signed-out state. */
export function signedIn(me: Me | null): Me {
  if (!me) throw new ApiError(401, { code: 'UNAUTHENTICATED', message: '请先登录' })
  return me
}

/** The last answer of `loadMe()`, without asking the server again. */
export function currentMe(): Me | null {
  return current
}

/** Stores the token a mini-program got from the sign-in handoff. */
export function startTokenSession(token: string, expiresAt?: string): void {
  setToken(token, expiresAt)
  current = null
  invalidate() // another person's data may be cached
}

/** Ends the session on the server and forgets it here, even when the server is unreachable. */
export async function signOut(): Promise<void> {
  try {
    await http.post('/api/auth/logout', {})
  } finally {
    clearToken()
    setCsrfToken(undefined)
    current = null
    invalidate()
  }
}
