/**
 * Sign-in with the government account, over HTTP (the domain is server/auth/sign-in.ts).
 * H5: /start redirects to the provider; /callback sets an httpOnly session cookie.
 * Mini-programs open /start in a web-view; /callback hands a one-time code back to the
 * app, which trades it for a bearer token, then binds its WeChat/Alipay user id.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { failurePage, handoffPage } from '../auth/pages'
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/request-session'
import { revokeAllSessions, revokeSession } from '../auth/sessions'
import { beginSignIn, bindPlatformUser, completeSignIn, PENDING_TTL_SECONDS, redeemHandoff } from '../auth/sign-in'
import type { Deps } from '../deps'
import { AppError, loggable } from '../errors'
import { Download, NoContent, replies } from '../schemas/common'
import { MeSchema } from '../schemas/domain'
import { getMe } from '../users'
import { requireSession } from './guards'

/**
 * The browser that starts a sign-in is the one that finishes it: the pending state rides in a
 * short-lived httpOnly cookie the callback must bring back (a callback URL opened in another
 * browser, to sign its user in as someone else, finds no match).
 */
const STATE_COOKIE = 'sign_in_state'
const STATE_COOKIE_PATH = '/api/auth/oidc/callback'

/** A redirect or an HTML page for the browser (not JSON). */
const Page = Download

export const authRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock, config } = deps
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: config.cookieSecure }

  app.get(
    '/api/auth/oidc/start',
    {
      schema: {
        querystring: Type.Object({
          client: Type.Optional(Type.Enum(['h5', 'mp'])),
          returnTo: Type.Optional(Type.String({ maxLength: 300 })),
          /** The agreements ticked on the sign-in screen, `terms@<version>,privacy@<version>` (types/agreements.ts). */
          agree: Type.Optional(Type.String({ maxLength: 200 }))
        }),
        response: replies(Page)
      }
    },
    async (request, reply) => {
      const { client = 'h5', returnTo, agree } = request.query
      const { url, state } = await beginSignIn(deps, { ip: request.ip, client, returnTo, agree }, clock())
      return reply
        .header('cache-control', 'no-store')
        .setCookie(STATE_COOKIE, state, { ...cookieBase, path: STATE_COOKIE_PATH, httpOnly: true, maxAge: PENDING_TTL_SECONDS })
        .redirect(url)
    }
  )

  app.get(
    '/api/auth/oidc/callback',
    {
      // the provider's code and state are read from the URL itself (govLogin.complete)
      schema: { querystring: Type.Object({ error: Type.Optional(Type.String()) }), response: replies(Page) }
    },
    async (request, reply) => {
      if (request.query.error) return failurePage(reply, 'SIGN_IN_CANCELLED', '登录未完成：政务服务账号未授权本应用。')
      const state = deps.govLogin.stateOf(request.url)
      const started = request.cookies[STATE_COOKIE]
      reply.clearCookie(STATE_COOKIE, { ...cookieBase, path: STATE_COOKIE_PATH })
      if (state && started !== state) {
        return failurePage(reply, 'AUTH_BROWSER_MISMATCH', '这个登录不是在本浏览器中发起的，为保护您的账号已停止。请在本页面重新登录。')
      }
      let outcome
      try {
        outcome = await completeSignIn(deps, request.url, state, clock())
      } catch (err) {
        if (err instanceof AppError) {
          request.log.warn({ code: err.code, cause: loggable(err.cause) }, 'sign-in failed')
          return failurePage(reply, err.code, err.message, err.statusCode)
        }
        throw err
      }
      if (outcome.kind === 'handoff') return handoffPage(reply, outcome.code)
      reply.setCookie(SESSION_COOKIE, outcome.token, { ...cookieBase, httpOnly: true, expires: outcome.expiresAt })
      reply.setCookie(CSRF_COOKIE, outcome.csrfToken, { ...cookieBase, httpOnly: false, expires: outcome.expiresAt })
      return reply.header('cache-control', 'no-store').redirect('/#' + (outcome.returnTo || '/pages/index/index'))
    }
  )

  app.post(
    '/api/auth/handoff',
    {
      schema: {
        body: Type.Object({ code: Type.String({ minLength: 10, maxLength: 100 }) }),
        response: replies(Type.Object({ token: Type.String(), expiresAt: Type.String() }))
      }
    },
    async (request) => redeemHandoff(deps, request.ip, request.body.code, clock())
  )

  app.post(
    '/api/auth/platform-bind',
    {
      schema: {
        body: Type.Object({ platform: Type.Enum(['weapp', 'alipay']), code: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: replies(Type.Object({ bound: Type.Boolean() }))
      }
    },
    async (request) => {
      await bindPlatformUser(deps, requireSession(request).userId, request.body.platform, request.body.code, clock())
      return { bound: true }
    }
  )

  app.post('/api/auth/logout', { schema: { response: replies(NoContent, 204) } }, async (request, reply) => {
    if (request.session) await revokeSession(db, request.session.tokenHash, clock())
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
    return reply.status(204).send(null)
  })

  /** Signs the person out everywhere (every device and browser), e.g. after losing a phone. */
  app.post('/api/auth/sessions/revoke-all', { schema: { response: replies(Type.Object({ revoked: Type.Integer() })) } }, async (request, reply) => {
    const session = requireSession(request)
    const revoked = await revokeAllSessions(db, session.userId, clock())
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
    return { revoked }
  })

  /**
   * Who is signed in. A visitor (no session presented) is nobody, answered null: not refused, so
   * a visitor's page logs no failed request. A session presented and no longer valid is refused
   * (401), so that the app forgets it.
   */
  app.get('/api/auth/me', { schema: { response: replies(Type.Union([MeSchema, Type.Null()])) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!request.sessionToken) return null
    const session = requireSession(request)
    return { ...(await getMe(db, session.userId)), csrfToken: session.client === 'h5' ? session.csrfToken : undefined }
  })
}
