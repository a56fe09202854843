/**
 * Sign-in with the government account.
 * H5: /start redirects to the provider; /callback sets an httpOnly session cookie.
 * Mini-programs open /start in a web-view; /callback hands a one-time code back to the
 * app, which trades it for a bearer token, then binds its WeChat/Alipay user id.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { Platform } from '../../types/domain'
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/request-session'
import type { Deps } from '../deps'
import { createSession, randomToken, revokeAllSessions, revokeSession, sha256, type SessionClient } from '../auth/sessions'
import { AppError, badRequest, loggable } from '../errors'
import { PlatformLoginError } from '../integrations/platform-login'
import { hit } from '../rate-limit'
import { getMe, upsertUserFromIdentity } from '../users'
import { requireSession } from './guards'

const PENDING_TTL_MS = 10 * 60_000
const HANDOFF_TTL_MS = 2 * 60_000
/**
 * The browser that starts a sign-in is the one that finishes it: the pending state rides in a
 * short-lived httpOnly cookie the callback must bring back (a callback URL opened in another
 * browser, to sign its user in as someone else, finds no match).
 */
const STATE_COOKIE = 'sign_in_state'
const STATE_COOKIE_PATH = '/api/auth/oidc/callback'
const RETURN_TO = /^\/(pages|packages)\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9=&%_.-]*)?$/

interface PendingRow {
  nonce: string
  code_verifier: string
  client: SessionClient
  return_to: string
}

export const authRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock, config } = deps
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: config.cookieSecure }

  app.get<{ Querystring: { client?: SessionClient; returnTo?: string } }>(
    '/api/auth/oidc/start',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { client: { type: 'string', enum: ['h5', 'mp'] }, returnTo: { type: 'string', maxLength: 300 } }
        }
      }
    },
    async (request, reply) => {
      const client = request.query.client ?? 'h5'
      const returnTo = RETURN_TO.test(request.query.returnTo ?? '') ? request.query.returnTo! : ''
      const now = clock()
      await hit(db, `sign-in:address:${request.ip}`, config.signInLimits.perAddress, now)
      const { url, pending } = await deps.govLogin.begin()
      await db.query(
        `INSERT INTO auth_requests (state, nonce, code_verifier, client, return_to, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [pending.state, pending.nonce, pending.codeVerifier, client, returnTo, new Date(now), new Date(now + PENDING_TTL_MS)]
      )
      return reply
        .header('cache-control', 'no-store')
        .setCookie(STATE_COOKIE, pending.state, { ...cookieBase, path: STATE_COOKIE_PATH, httpOnly: true, maxAge: PENDING_TTL_MS / 1000 })
        .redirect(url)
    }
  )

  app.get('/api/auth/oidc/callback', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    if (query.error) {
      return failurePage(reply, 'SIGN_IN_CANCELLED', '登录未完成：政务服务账号未授权本应用。')
    }
    const state = deps.govLogin.stateOf(request.url)
    const started = request.cookies[STATE_COOKIE]
    reply.clearCookie(STATE_COOKIE, { ...cookieBase, path: STATE_COOKIE_PATH })
    if (state && started !== state) {
      return failurePage(reply, 'AUTH_BROWSER_MISMATCH', '这个登录不是在本浏览器中发起的，为保护您的账号已停止。请在本页面重新登录。')
    }
    const now = clock()
    // Each pending sign-in is used once: a replayed or forged state finds nothing.
    const [pending] = state
      ? await db.query<PendingRow>(
          `UPDATE auth_requests SET consumed_at = $2
            WHERE state = $1 AND consumed_at IS NULL AND expires_at > $2
          RETURNING nonce, code_verifier, client, return_to`,
          [state, new Date(now)]
        )
      : []
    if (!pending) return failurePage(reply, 'AUTH_STATE_INVALID', '登录请求无效或已过期，请重新登录。')

    let userId: string
    try {
      const identity = await deps.govLogin.complete(request.url, {
        state: state!,
        nonce: pending.nonce,
        codeVerifier: pending.code_verifier
      })
      await hit(db, `sign-in:account:${identity.issuer}:${identity.subject}`, config.signInLimits.perAccount, now)
      userId = await db.transaction((tx) => upsertUserFromIdentity(tx, identity, now))
    } catch (err) {
      if (err instanceof AppError) {
        request.log.warn({ code: err.code, cause: loggable(err.cause) }, 'sign-in failed')
        return failurePage(reply, err.code, err.message, err.statusCode)
      }
      throw err
    }

    if (pending.client === 'mp') {
      const code = randomToken()
      await db.query('INSERT INTO auth_handoffs (code_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
        sha256(code),
        userId,
        new Date(now + HANDOFF_TTL_MS)
      ])
      return handoffPage(reply, code)
    }
    const session = await createSession(db, userId, 'h5', now, config.sessionTtlHours)
    reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, httpOnly: true, expires: session.expiresAt })
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false, expires: session.expiresAt })
    return reply.header('cache-control', 'no-store').redirect('/#' + (pending.return_to || '/pages/index/index'))
  })

  app.post<{ Body: { code: string } }>(
    '/api/auth/handoff',
    {
      schema: {
        body: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', minLength: 10, maxLength: 100 } }
        }
      }
    },
    async (request) => {
      const now = clock()
      await hit(db, `sign-in:address:${request.ip}`, config.signInLimits.perAddress, now)
      const [row] = await db.query<{ user_id: string }>(
        `UPDATE auth_handoffs SET consumed_at = $2
          WHERE code_hash = $1 AND consumed_at IS NULL AND expires_at > $2 RETURNING user_id`,
        [sha256(request.body.code), new Date(now)]
      )
      if (!row) throw badRequest('HANDOFF_INVALID', '登录凭证无效或已过期，请重新登录')
      const session = await createSession(db, row.user_id, 'mp', now, config.sessionTtlHours)
      return { token: session.token, expiresAt: session.expiresAt.toISOString() }
    }
  )

  app.post<{ Body: { platform: Platform; code: string } }>(
    '/api/auth/platform-bind',
    {
      schema: {
        body: {
          type: 'object',
          required: ['platform', 'code'],
          properties: {
            platform: { type: 'string', enum: ['weapp', 'alipay'] },
            code: { type: 'string', minLength: 1, maxLength: 200 }
          }
        }
      }
    },
    async (request) => {
      const { userId } = requireSession(request)
      const { platform, code } = request.body
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
      // The platform user follows whoever signed in last on that phone.
      await db.query(
        `INSERT INTO platform_bindings (platform, platform_user_id, user_id, union_id, bound_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform, platform_user_id) DO UPDATE SET user_id = EXCLUDED.user_id,
           union_id = EXCLUDED.union_id, bound_at = EXCLUDED.bound_at`,
        [platform, identity.platformUserId, userId, identity.unionId ?? null, new Date(clock())]
      )
      return { bound: true }
    }
  )

  app.post('/api/auth/logout', async (request, reply) => {
    if (request.session) await revokeSession(db, request.session.tokenHash, clock())
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
    return reply.status(204).send()
  })

  /** Signs the person out everywhere (every device and browser), e.g. after losing a phone. */
  app.post('/api/auth/sessions/revoke-all', async (request, reply) => {
    const session = requireSession(request)
    const revoked = await revokeAllSessions(db, session.userId, clock())
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
    return { revoked }
  })

  app.get('/api/auth/me', async (request, reply) => {
    const session = requireSession(request)
    reply.header('cache-control', 'no-store')
    return { ...(await getMe(db, session.userId)), csrfToken: session.client === 'h5' ? session.csrfToken : undefined }
  })
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function htmlPage(title: string, body: string, script = '') {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:48px 24px;text-align:center;color:#1f2937;background:#f2f5fa}
h1{font-size:20px}p{color:#4b5563;line-height:1.6}a{display:inline-block;margin-top:16px;padding:10px 24px;border-radius:8px;background:#0b4fa8;color:#fff;text-decoration:none}</style>
</head><body>${body}${script}</body></html>`
}

/** A sign-in that did not complete: a page for people, the stable code in a header for programs. */
function failurePage(reply: FastifyReply, code: string, message: string, status = 400) {
  return reply
    .status(status)
    .header('x-error-code', code)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      htmlPage(
        '登录未完成',
        `<main><h1>登录未完成</h1><p>${escapeHtml(message)}</p><p>错误代码：${escapeHtml(code)}</p>
<a href="/#/pages/login/index">重新登录</a></main>`
      )
    )
}

/** Shown inside the mini-program's web-view: sends the one-time code back to the app. */
function handoffPage(reply: FastifyReply, code: string) {
  const nonce = randomToken(12)
  const target = `/pages/login/index?handoff=${encodeURIComponent(code)}`
  const script = `<script src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"></script>
<script src="https://appx/web-view.min.js"></script>
<script nonce="${nonce}">(function(){var url=${JSON.stringify(target)};
if(window.wx&&wx.miniProgram){wx.miniProgram.redirectTo({url:url});}
else if(window.my&&my.redirectTo){my.redirectTo({url:url});}})();</script>`
  return reply
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}' https://res.wx.qq.com https://appx`
    )
    .type('text/html; charset=utf-8')
    .send(htmlPage('登录成功', '<main><h1>登录成功</h1><p>正在返回小程序…</p></main>', script))
}
