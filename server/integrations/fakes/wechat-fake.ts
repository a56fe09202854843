/**
 * Local fake of WeChat's server APIs, as a Fastify plugin: code2Session (platform-apis.md §1),
 * the access token (§2a, §2c) and subscribeMessage.send (§3b, §3c) with their documented
 * request and response shapes and error codes.
 * Mount in development: app.register(wechatFake, { prefix: '/__fakes/wechat', state })
 * Routes: GET /sns/jscode2session, GET /cgi-bin/token, POST /cgi-bin/message/subscribe/send,
 *   POST /__issue {openid?, unionid?, blocked?} → {code}, POST /__subscribe {openid, templateId},
 *   GET /__messages → the messages delivered so far.
 * Never mount it in production: /__issue hands out login codes for any openid.
 */
import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { subscriptionRoutes } from './serve'

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
  /** Access token lifetime in seconds (default 7200, "目前是7200秒之内的值"). */
  tokenTtlSeconds?: number
  /**
   * Subscription templates the app has, by id (default: any id is accepted as one-time).
   * A long-term template allows many messages after one consent, a one-time one one each.
   */
  templates?: Record<string, { longTerm: boolean }>
  /**
   * Check consents as WeChat does: a message needs a grant from wx.requestSubscribeMessage
   * (`grant`/POST /__subscribe), else 43101. Off by default: every message is delivered.
   */
  requireConsent?: boolean
  /** Wait this long before answering a send (to hold messages in flight in crash tests). */
  sendDelayMs?: number
}

/** A subscription message the fake accepted. */
export interface DeliveredMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
  msgid: number
  at: number
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
  /** What wx.requestSubscribeMessage 'accept' does on WeChat's side: one more message (one-time) or many (long-term). */
  grant(openid: string, templateId: string): void
  /** The person switched the template off in the settings: 43101 from now on. */
  revoke(openid: string, templateId: string): void
  /** Every token handed out so far is expired (42001) from now on. */
  expireTokens(): void
  /** Every token handed out so far is unknown (40001), as after a refresh by someone else. */
  invalidateTokens(): void
  /** The next subscribe/send call answers with this error instead (calls queue up: twice, two calls). */
  failNextSend(errcode: number, errmsg: string): void
  /** Messages delivered, in order. */
  readonly messages: DeliveredMessage[]
  /** Calls to /cgi-bin/token and to subscribe/send. */
  readonly counts: { token: number; send: number }
}

interface InternalState extends WechatFakeState {
  readonly cfg: Required<Pick<WechatFakeConfig, 'codeTtlMs' | 'ratePerMinute' | 'successStyle' | 'tokenTtlSeconds' | 'requireConsent' | 'sendDelayMs'>> &
    Pick<WechatFakeConfig, 'templates'>
  readonly now: () => number
  readonly codes: Map<string, IssuedCode>
  readonly calls: Map<string, number>
  nextError?: { errcode: number; errmsg: string }
  readonly sendErrors: Array<{ errcode: number; errmsg: string }>
  successCount: number
  /** access_token → expiry (ms); a refresh leaves the previous token 5 more minutes (§2c). */
  readonly tokens: Map<string, number>
  latestToken?: string
  /** `${openid}\u0000${templateId}` → one-time grants left, or Infinity for a long-term consent */
  readonly grants: Map<string, number>
  readonly messages: DeliveredMessage[]
  readonly counts: { token: number; send: number }
}

export function createWechatFakeState(config: WechatFakeConfig): WechatFakeState {
  const now = config.now ?? Date.now
  const state: InternalState = {
    appId: config.appId,
    secret: config.secret,
    cfg: {
      codeTtlMs: config.codeTtlMs ?? 5 * 60_000,
      ratePerMinute: config.ratePerMinute ?? 100,
      successStyle: config.successStyle ?? 'alternate',
      tokenTtlSeconds: config.tokenTtlSeconds ?? 7200,
      requireConsent: config.requireConsent ?? false,
      sendDelayMs: config.sendDelayMs ?? 0,
      templates: config.templates
    },
    now,
    codes: new Map(),
    calls: new Map(),
    successCount: 0,
    tokens: new Map(),
    sendErrors: [],
    grants: new Map(),
    messages: [],
    counts: { token: 0, send: 0 },
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
    },
    grant(openid, templateId) {
      const key = `${openid}\u0000${templateId}`
      const longTerm = state.cfg.templates?.[templateId]?.longTerm ?? false
      state.grants.set(key, longTerm ? Infinity : (state.grants.get(key) ?? 0) + 1)
    },
    revoke(openid, templateId) {
      state.grants.delete(`${openid}\u0000${templateId}`)
    },
    expireTokens() {
      for (const token of state.tokens.keys()) state.tokens.set(token, 0)
    },
    invalidateTokens() {
      state.tokens.clear()
      state.latestToken = undefined
    },
    failNextSend(errcode, errmsg) {
      state.sendErrors.push({ errcode, errmsg })
    }
  }
  return state
}

const CHINESE = /^[\u4e00-\u9fff]+$/
const TIME = /^(\d{4}年\d{1,2}月\d{1,2}日 ?)?\d{1,2}:\d{2}(:\d{2})?( ?~ ?.+)?$/
const DATE = /^(\d{4}年)?\d{1,2}月(\d{1,2}日)?( \d{1,2}:\d{2}(:\d{2})?)?$|^\d{4}([-/.])\d{2}(\5\d{2})?$|^\d{2}-\d{2}$/

/** The documented value rules per keyword type (§3c), as far as the fake checks them. */
function validKeywordValue(keyword: string, value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || /[\u0000-\u001f]/.test(value)) return false
  const length = Array.from(value).length
  switch (keyword.replace(/[0-9]+$/, '')) {
    case 'thing':
      return length <= 20
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) && length <= 32
    case 'letter':
      return /^[A-Za-z]+$/.test(value) && length <= 32
    case 'symbol':
      return /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+$/.test(value) && length <= 5
    case 'character_string':
      return /^[\x21-\x7e]+$/.test(value) && length <= 32
    case 'time':
      return TIME.test(value)
    case 'date':
      return DATE.test(value)
    case 'phrase':
      return CHINESE.test(value) && length <= 5
    case 'name':
      return CHINESE.test(value) ? length <= 10 : length <= 20
    default:
      return length <= 20
  }
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

  app.get('/cgi-bin/token', async (req) => {
    const q = req.query as Record<string, string | undefined>
    state.counts.token++
    if (q.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' }
    if (!q.appid || q.appid !== state.appId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (!q.secret || q.secret !== state.secret) return { errcode: 40001, errmsg: 'invalid credential, appsecret wrong or not belong to this appid' }
    // A new token; the previous one stays valid for 5 minutes at most ("新旧 access_token 5 分钟内都可用").
    const now = state.now()
    if (state.latestToken && state.tokens.has(state.latestToken)) {
      state.tokens.set(state.latestToken, Math.min(state.tokens.get(state.latestToken)!, now + 5 * 60_000))
    }
    const token = crypto.randomBytes(48).toString('base64url')
    state.tokens.set(token, now + state.cfg.tokenTtlSeconds * 1000)
    state.latestToken = token
    return { access_token: token, expires_in: state.cfg.tokenTtlSeconds }
  })

  app.post('/cgi-bin/message/subscribe/send', async (req) => {
    state.counts.send++
    if (state.cfg.sendDelayMs) await new Promise((r) => setTimeout(r, state.cfg.sendDelayMs))
    const failure = state.sendErrors.shift()
    if (failure) return failure
    const token = (req.query as Record<string, string | undefined>).access_token ?? ''
    const expiresAt = state.tokens.get(token)
    if (expiresAt === undefined) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken' }
    }
    if (expiresAt <= state.now()) return { errcode: 42001, errmsg: 'access_token expired' }

    const body = (req.body ?? {}) as Partial<DeliveredMessage> & Record<string, unknown>
    if (typeof body.touser !== 'string' || !body.touser) return { errcode: 40003, errmsg: 'invalid openid' }
    const templates = state.cfg.templates
    if (typeof body.template_id !== 'string' || !body.template_id || (templates && !templates[body.template_id])) {
      return { errcode: 40037, errmsg: 'invalid template_id' }
    }
    if (body.page !== undefined && (typeof body.page !== 'string' || body.page.startsWith('/'))) {
      return { errcode: 41030, errmsg: 'invalid page' }
    }
    if (body.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(String(body.miniprogram_state))) {
      return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state invalid' }
    }
    const data = body.data
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return { errcode: 47003, errmsg: 'argument invalid! data is empty' }
    for (const [keyword, entry] of Object.entries(data)) {
      if (!validKeywordValue(keyword, (entry as { value?: unknown } | null)?.value)) {
        return { errcode: 47003, errmsg: `argument invalid! data.${keyword}.value invalid` }
      }
    }
    if (state.cfg.requireConsent) {
      const key = `${body.touser}\u0000${body.template_id}`
      const left = state.grants.get(key) ?? 0
      if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
      state.grants.set(key, left - 1)
    }
    const msgid = state.messages.length + 1
    state.messages.push({ ...(body as DeliveredMessage), msgid, at: state.now() })
    return { errcode: 0, errmsg: 'ok', msgid }
  })

  subscriptionRoutes(app, state, 'openid')

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
