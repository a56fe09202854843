/**
 * Local fake of WeChat code2Session (platform-apis.md §1), as a Fastify plugin.
 * Mount in development: app.register(wechatFake, { prefix: '/__fakes/wechat', state })
 * Routes: GET /sns/jscode2session, POST /__issue {openid?, unionid?, blocked?} → {code}
 * Never mount it in production: /__issue hands out login codes for any openid.
 */
import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'

export interface WechatFakeConfig {
  appId: string
  secret: string
  /** Clock in ms (default Date.now); tests move it to expire codes. */
  now?: () => number
  /** Code lifetime (default 5 minutes, "有效期五分钟"). */
  codeTtlMs?: number
  /** jscode2session calls per appid per clock minute before 45011 (default 100). */
  ratePerMinute?: number
  /**
   * How successes look: 'with-errcode' → {openid, session_key, unionid?, errcode:0, errmsg:'ok'};
   * 'without-errcode' → {session_key, expires_in:7200, openid} (the community-reported shape);
   * 'alternate' (default) → switches between the two on every success.
   */
  successStyle?: 'with-errcode' | 'without-errcode' | 'alternate'
}

export interface IssueOptions {
  unionid?: string
  /** The exchange answers 40226 code blocked (高风险用户). */
  blocked?: boolean
}

interface IssuedCode {
  openid: string
  unionid?: string
  blocked: boolean
  expiresAt: number
}

export interface WechatFakeState {
  readonly appId: string
  readonly secret: string
  /** Issue a login code for `openid`, as wx.login would (single use, 5 minutes). */
  issueCode(openid: string, opts?: IssueOptions): string
  /** The next jscode2session call answers with this error instead (e.g. -1 system error). */
  failNext(errcode: number, errmsg: string): void
}

interface InternalState extends WechatFakeState {
  readonly cfg: Required<Pick<WechatFakeConfig, 'codeTtlMs' | 'ratePerMinute' | 'successStyle'>>
  readonly now: () => number
  readonly codes: Map<string, IssuedCode>
  readonly calls: Map<string, number>
  nextError?: { errcode: number; errmsg: string }
  successCount: number
}

export function createWechatFakeState(config: WechatFakeConfig): WechatFakeState {
  const now = config.now ?? Date.now
  const state: InternalState = {
    appId: config.appId,
    secret: config.secret,
    cfg: {
      codeTtlMs: config.codeTtlMs ?? 5 * 60_000,
      ratePerMinute: config.ratePerMinute ?? 100,
      successStyle: config.successStyle ?? 'alternate'
    },
    now,
    codes: new Map(),
    calls: new Map(),
    successCount: 0,
    issueCode(openid, opts = {}) {
      const code = crypto.randomBytes(16).toString('hex')
      state.codes.set(code, {
        openid,
        unionid: opts.unionid,
        blocked: opts.blocked === true,
        expiresAt: now() + state.cfg.codeTtlMs
      })
      return code
    },
    failNext(errcode, errmsg) {
      state.nextError = { errcode, errmsg }
    }
  }
  return state
}

export interface WechatFakeOptions {
  state: WechatFakeState
}

function randomOpenid(): string {
  return 'o' + crypto.randomBytes(14).toString('base64url')
}

export const wechatFake: FastifyPluginAsync<WechatFakeOptions> = async (app, opts) => {
  const state = opts.state as InternalState

  app.get('/sns/jscode2session', async (req) => {
    const q = req.query as Record<string, string | undefined>
    if (state.nextError) {
      const err = state.nextError
      state.nextError = undefined
      return err
    }
    if (!q.appid || q.appid !== state.appId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (!q.secret || q.secret !== state.secret) return { errcode: 40125, errmsg: 'invalid appsecret' }

    const minute = Math.floor(state.now() / 60_000)
    const key = `${q.appid}:${minute}`
    const count = (state.calls.get(key) ?? 0) + 1
    state.calls.set(key, count)
    if (count > state.cfg.ratePerMinute) {
      return { errcode: 45011, errmsg: 'api minute-quota reach limit mustslower retry next minute' }
    }

    if (q.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' }

    const issued = q.js_code ? state.codes.get(q.js_code) : undefined
    if (!issued || issued.expiresAt <= state.now()) {
      return { errcode: 40029, errmsg: 'invalid code' }
    }
    state.codes.delete(q.js_code as string) // 只能使用一次
    if (issued.blocked) return { errcode: 40226, errmsg: 'code blocked' }

    const sessionKey = crypto.randomBytes(16).toString('base64')
    const style = state.cfg.successStyle
    const withErrcode = style === 'with-errcode' || (style === 'alternate' && state.successCount % 2 === 0)
    state.successCount++
    if (!withErrcode) {
      return { session_key: sessionKey, expires_in: 7200, openid: issued.openid }
    }
    const reply: Record<string, unknown> = { openid: issued.openid, session_key: sessionKey }
    if (issued.unionid) reply.unionid = issued.unionid
    reply.errcode = 0
    reply.errmsg = 'ok'
    return reply
  })

  app.post('/__issue', async (req) => {
    const body = (req.body ?? {}) as { openid?: unknown; unionid?: unknown; blocked?: unknown }
    const openid = typeof body.openid === 'string' && body.openid !== '' ? body.openid : randomOpenid()
    const code = state.issueCode(openid, {
      unionid: typeof body.unionid === 'string' ? body.unionid : undefined,
      blocked: body.blocked === true
    })
    return { code, openid }
  })
}
