/**
 * The session of each API request: a bearer token (mini-programs) or the httpOnly cookie (H5),
 * and for cookie sessions the CSRF token on every state-changing request.
 */
import type { FastifyInstance } from 'fastify'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { findSession, type Session } from './sessions'

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
    /** The raw session token, when one was presented. */
    sessionToken: string | null
  }
}

export const SESSION_COOKIE = 'sid'
export const CSRF_COOKIE = 'csrf_token'

/**
 * Routes whose statement checks the session again in the database (server/demands.ts saveDraft):
 * a session this process read lately stands in for a read of its own (findSession), so the
 * hottest request makes one round trip to the database instead of two.
 */
const CHECKED_BY_STATEMENT = new Set(['PUT /api/demands/:id/draft'])

export function installSessionHook(app: FastifyInstance, deps: Pick<Deps, 'db' | 'clock'>): void {
  app.decorateRequest('session', null)
  app.decorateRequest('sessionToken', null)
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    const token = bearer ?? request.cookies[SESSION_COOKIE]
    if (!token || token.length > 200) return
    request.sessionToken = token
    request.session = await findSession(deps.db, token, deps.clock(), {
      checkedByStatement: CHECKED_BY_STATEMENT.has(`${request.method} ${request.routeOptions.url}`)
    })
    // Cookie sessions need the CSRF token on every state-changing request.
    if (request.session && !bearer && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      if (request.headers['x-csrf-token'] !== request.session.csrfToken) {
        throw new AppError(403, 'CSRF_FAILED', '页面已过期，请刷新后重试')
      }
    }
  })
}
