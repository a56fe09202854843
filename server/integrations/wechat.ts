/**
 * WeChat mini-program login: code2Session (GET /sns/jscode2session).
 * Contract: /work/shared/reference/platform-apis.md §1.
 * session_key never leaves this module (not returned, not put in errors).
 */
import type { Config } from '../config'
import { fetchJson } from './http'
import { PlatformLoginError, type PlatformLogin, type PlatformLoginErrorCode } from './platform-login'

export interface WechatLoginOptions {
  /** Abort the HTTP call after this long (default 5000 ms). */
  timeoutMs?: number
}

/** errcode → our code. Anything not listed (and -1) is PLATFORM_UNAVAILABLE. */
const ERRCODES: Record<number, PlatformLoginErrorCode> = {
  40029: 'PLATFORM_CODE_INVALID', // invalid code (wrong, used, expired, other appid)
  40163: 'PLATFORM_CODE_INVALID', // code been used (seen in practice, not in the official table)
  45011: 'PLATFORM_RATE_LIMITED', // api minute-quota reach limit
  40226: 'PLATFORM_USER_BLOCKED', // code blocked (高风险用户)
  40013: 'PLATFORM_CONFIG', // invalid appid
  40125: 'PLATFORM_CONFIG', // invalid appsecret (community reports)
  41002: 'PLATFORM_CONFIG', // appid missing
  41004: 'PLATFORM_CONFIG', // appsecret missing
  40243: 'PLATFORM_CONFIG', // AppSecret frozen
  40164: 'PLATFORM_CONFIG' // caller IP not in whitelist
}

export function createWechatLogin(cfg: Config['wechat'], opts: WechatLoginOptions = {}): PlatformLogin {
  const timeoutMs = opts.timeoutMs ?? 5000
  return {
    async exchange(code: string) {
      if (!cfg.apiBase || !cfg.appId || !cfg.secret) {
        throw new PlatformLoginError('PLATFORM_CONFIG', { platform: 'wechat', platformCode: 'missing-config' })
      }
      if (typeof code !== 'string' || code.trim() === '') {
        throw new PlatformLoginError('PLATFORM_CODE_INVALID', { platform: 'wechat', platformCode: 'empty-code' })
      }
      const query = new URLSearchParams({
        appid: cfg.appId,
        secret: cfg.secret,
        js_code: code,
        grant_type: 'authorization_code'
      })
      const url = `${cfg.apiBase.replace(/\/$/, '')}/sns/jscode2session?${query.toString()}`

      const reply = await fetchJson(url, { method: 'GET' }, timeoutMs)
      if (!reply.ok) {
        throw new PlatformLoginError('PLATFORM_UNAVAILABLE', { platform: 'wechat', platformCode: reply.reason, cause: reply.cause })
      }
      const data = reply.body as { errcode?: unknown; errmsg?: unknown; openid?: unknown; unionid?: unknown }

      // Success is "errcode absent or 0" (a successful reply may carry no errcode at all).
      if (data.errcode !== undefined && data.errcode !== null && Number(data.errcode) !== 0) {
        const errcode = Number(data.errcode)
        throw new PlatformLoginError(ERRCODES[errcode] ?? 'PLATFORM_UNAVAILABLE', {
          platform: 'wechat',
          platformCode: Number.isNaN(errcode) ? String(data.errcode) : errcode,
          platformMessage: typeof data.errmsg === 'string' ? data.errmsg : undefined
        })
      }
      if (typeof data.openid !== 'string' || data.openid === '') {
        throw new PlatformLoginError('PLATFORM_UNAVAILABLE', { platform: 'wechat', platformCode: 'missing-openid' })
      }
      const result: { platformUserId: string; unionId?: string } = { platformUserId: data.openid }
      if (typeof data.unionid === 'string' && data.unionid !== '') result.unionId = data.unionid
      return result
    }
  }
}
