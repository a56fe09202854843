/**
 * WeChat subscription messages: the access token (GET /cgi-bin/token, platform-apis.md §2)
 * kept in the database for every server process, and subscribeMessage.send
 * (POST /cgi-bin/message/subscribe/send, §3c).
 *
 * Token rules (§2c): one central copy, refreshed before it expires and when an API says it is
 * invalid (40001/42001), never by two processes at once (each fetch invalidates the last one).
 */
import type { Config } from '../config'
import type { Db } from '../db'
import { fetchJson } from './http'
import { platformPage, pushFailure, templateData, transportFailure, wechatValue, type PushErrorCode, type PushResult, type PushSender } from './push'

export interface AccessTokenStore {
  /** A token with at least the safety margin left. */
  get(): Promise<string>
  /** A token other than `stale`: fetched anew unless another process already did. */
  refresh(stale: string): Promise<string>
}

/** Thrown by the store when the platform would not give a token; carries the push result to record. */
export class AccessTokenError extends Error {
  constructor(readonly result: PushResult) {
    super(`access token: ${result.ok ? 'ok' : `${result.code} ${result.platformCode}`}`)
  }
}

export interface TokenStoreOptions {
  now?: () => number
  /** Refresh this long before the token expires (default 5 minutes, the platform's own overlap). */
  marginMs?: number
  /** How long a process reuses the token it last read from the database (default 10 s). */
  memoMs?: number
  timeoutMs?: number
}

/** /cgi-bin/token errcodes that mean our configuration is wrong (§2a). */
const TOKEN_CONFIG_ERRORS = new Set([40001, 40002, 40013, 40125, 40164, 40243, 41002, 41004, 61004])
const TOKEN_INVALID = new Set([40001, 40014, 42001])

export function createWechatTokenStore(db: Db, cfg: Config['wechat'], opts: TokenStoreOptions = {}): AccessTokenStore {
  const now = opts.now ?? Date.now
  const margin = opts.marginMs ?? 5 * 60_000
  const memoMs = opts.memoMs ?? 10_000
  const timeoutMs = opts.timeoutMs ?? 5000
  const name = `wechat:${cfg.appId}`
  let memo: { token: string; expiresAt: number; readAt: number } | null = null
  const fresh = (expiresAt: number) => expiresAt - margin > now()

  async function fetchToken(): Promise<{ token: string; expiresAt: number }> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: cfg.appId, secret: cfg.secret })
    const reply = await fetchJson(`${cfg.apiBase.replace(/\/$/, '')}/cgi-bin/token?${query}`, { method: 'GET' }, timeoutMs)
    if (!reply.ok) throw new AccessTokenError(pushFailure('UNAVAILABLE', `token-${reply.reason}`, undefined, true))
    const { access_token: token, expires_in: expiresIn, errcode, errmsg } = reply.body
    if (errcode !== undefined && Number(errcode) !== 0) {
      const code = Number(errcode)
      const mapped: PushErrorCode = TOKEN_CONFIG_ERRORS.has(code) ? 'CONFIG' : code === 45009 || code === 45011 ? 'RATE_LIMITED' : 'UNAVAILABLE'
      throw new AccessTokenError(pushFailure(mapped, `token-${errcode}`, errmsg, code === -1 || code === 45011))
    }
    if (typeof token !== 'string' || !token) throw new AccessTokenError(pushFailure('UNAVAILABLE', 'token-missing'))
    const seconds = Number(expiresIn) > 0 ? Number(expiresIn) : 7200
    return { token, expiresAt: now() + seconds * 1000 }
  }

  const remember = (token: string, expiresAt: number) => {
    memo = { token, expiresAt, readAt: now() }
    return token
  }

  async function refresh(stale: string): Promise<string> {
    return db.transaction(async (tx) => {
      // One refresher at a time across every process on this database.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name])
      const [row] = await tx.query<{ token: string; expires_at: Date }>('SELECT token, expires_at FROM platform_tokens WHERE name = $1', [name])
      if (row && row.token !== stale && fresh(row.expires_at.getTime())) return remember(row.token, row.expires_at.getTime())
      const next = await fetchToken()
      await tx.query(
        `INSERT INTO platform_tokens (name, token, expires_at, refreshed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at, refreshed_at = EXCLUDED.refreshed_at`,
        [name, next.token, new Date(next.expiresAt), new Date(now())]
      )
      return remember(next.token, next.expiresAt)
    })
  }

  async function read(): Promise<string> {
    const [row] = await db.query<{ token: string; expires_at: Date }>('SELECT token, expires_at FROM platform_tokens WHERE name = $1', [name])
    if (row && fresh(row.expires_at.getTime())) return remember(row.token, row.expires_at.getTime())
    return refresh(row?.token ?? '')
  }

  // Within a process, callers at the same moment share one read or one refresh.
  let pending: Promise<string> | null = null
  const once = (fn: () => Promise<string>) => {
    pending ??= fn().finally(() => (pending = null))
    return pending
  }

  return {
    async get() {
      if (memo && now() - memo.readAt < memoMs && fresh(memo.expiresAt)) return memo.token
      return once(read)
    },
    async refresh(stale) {
      if (memo?.token === stale) memo = null
      return once(() => refresh(stale))
    }
  }
}

/** subscribeMessage.send errcode → our code (§3c). Anything else is UNAVAILABLE. */
const SEND_ERRORS: Record<number, PushErrorCode> = {
  43101: 'REFUSED',
  47003: 'INVALID_DATA',
  40003: 'INVALID_USER',
  40037: 'INVALID_TEMPLATE',
  41030: 'INVALID_PAGE',
  45009: 'RATE_LIMITED',
  45011: 'RATE_LIMITED',
  40001: 'TOKEN_INVALID',
  40014: 'TOKEN_INVALID',
  42001: 'TOKEN_INVALID',
  40013: 'CONFIG',
  48001: 'CONFIG'
}

export interface WechatSenderOptions {
  miniprogramState: Config['push']['wechatMiniprogramState']
  timeoutMs?: number
}

export function createWechatSender(cfg: Config['wechat'], tokens: AccessTokenStore, opts: WechatSenderOptions): PushSender {
  const timeoutMs = opts.timeoutMs ?? 5000
  const base = cfg.apiBase.replace(/\/$/, '')

  async function post(token: string, body: string): Promise<{ errcode: number; errmsg?: unknown } | PushResult> {
    const reply = await fetchJson(
      `${base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      timeoutMs
    )
    if (!reply.ok) return reply.reason === 'network' ? transportFailure(reply.cause) : pushFailure('UNAVAILABLE', reply.reason)
    return { errcode: Number(reply.body.errcode ?? 0), errmsg: reply.body.errmsg }
  }

  return {
    async send(m) {
      if (!cfg.apiBase || !m.template.id) return pushFailure('CONFIG', 'missing-config')
      const body = JSON.stringify({
        touser: m.toUser,
        template_id: m.template.id,
        page: platformPage(m.page),
        data: templateData(m.template, m.values, wechatValue),
        // both are marked required on the newer page though they have defaults (§3c): always send them
        miniprogram_state: opts.miniprogramState,
        lang: 'zh_CN'
      })
      try {
        let token = await tokens.get()
        let answer = await post(token, body)
        // An invalid or expired token: refresh once, then try once more.
        if ('errcode' in answer && TOKEN_INVALID.has(answer.errcode)) {
          token = await tokens.refresh(token)
          answer = await post(token, body)
        }
        if (!('errcode' in answer)) return answer
        if (answer.errcode === 0) return { ok: true, platformCode: '0' }
        const code = SEND_ERRORS[answer.errcode] ?? 'UNAVAILABLE'
        // -1 system busy and 45011 per-minute limit: nothing went out, it may go later
        return pushFailure(code, answer.errcode, answer.errmsg, answer.errcode === -1 || answer.errcode === 45011)
      } catch (err) {
        if (err instanceof AccessTokenError) return err.result
        throw err
      }
    }
  }
}
