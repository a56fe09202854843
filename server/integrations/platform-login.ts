/**
 * Port: turn a mini-program login code (wx.login / my.getAuthCode) into the
 * platform's user id. Adapters: ./wechat.ts, ./alipay.ts.
 */

export interface PlatformLoginResult {
  /** WeChat openid; Alipay user_id (2088…) or, in openid mode, open_id. */
  platformUserId: string
  unionId?: string
}

export interface PlatformLogin {
  exchange(code: string): Promise<PlatformLoginResult>
}

export type PlatformName = 'wechat' | 'alipay'

export type PlatformLoginErrorCode =
  | 'PLATFORM_CODE_INVALID'
  | 'PLATFORM_RATE_LIMITED'
  | 'PLATFORM_USER_BLOCKED'
  | 'PLATFORM_UNAVAILABLE'
  | 'PLATFORM_CONFIG'

/** Messages for people (shown in the mini program). */
export const PLATFORM_LOGIN_MESSAGES: Record<PlatformLoginErrorCode, string> = {
  PLATFORM_CODE_INVALID: '登录凭证无效或已过期，请重新登录',
  PLATFORM_RATE_LIMITED: '登录请求过于频繁，请稍后再试',
  PLATFORM_USER_BLOCKED: '平台判定该账号存在风险，已拦截本次登录',
  PLATFORM_UNAVAILABLE: '平台登录服务暂不可用，请稍后再试',
  PLATFORM_CONFIG: '平台登录配置有误，请联系管理员'
}

export class PlatformLoginError extends Error {
  readonly code: PlatformLoginErrorCode
  readonly platform: PlatformName
  /** The platform's own code for logs: WeChat errcode, Alipay sub_code, or a short local reason. */
  readonly platformCode?: string
  /** The platform's own message (errmsg / sub_msg) for logs. */
  readonly platformMessage?: string
  /** The underlying error (network failure, parse error), for logs. */
  cause?: unknown

  constructor(
    code: PlatformLoginErrorCode,
    details: { platform: PlatformName; platformCode?: string | number; platformMessage?: string; cause?: unknown }
  ) {
    super(PLATFORM_LOGIN_MESSAGES[code])
    this.name = 'PlatformLoginError'
    this.code = code
    this.platform = details.platform
    this.platformCode = details.platformCode === undefined ? undefined : String(details.platformCode)
    this.platformMessage = details.platformMessage
    if (details.cause !== undefined) this.cause = details.cause
  }
}
