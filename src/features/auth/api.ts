import Taro from '@tarojs/taro'
import { agreementsParam } from '../../../types/agreements'
import type { Platform } from '../../../types/domain'
import { http } from '../../services/http'
import { isMiniProgram } from '../../services/env'

export interface HandoffResult {
  token: string
  expiresAt: string
}

/** Trades the one-time code the sign-in web-view handed over for a session token. */
export async function exchangeHandoff(code: string): Promise<HandoffResult> {
  const { data } = await http.post<HandoffResult>('/api/auth/handoff', { code })
  return data
}

/** Links this WeChat / Alipay user to the signed-in account (for reminders). Failure is not fatal. */
export async function bindPlatformAccount(): Promise<void> {
  if (!isMiniProgram()) return
  const platform = process.env.TARO_ENV as Platform
  try {
    // On Alipay, Taro.login is my.getAuthCode({ scopes: 'auth_base' }) and returns the auth code as `code`.
    const { code } = await Taro.login()
    await http.post('/api/auth/platform-bind', { platform, code })
  } catch (e) {
    console.warn('[auth] 绑定小程序账号失败，不影响登录', e)
  }
}

/**
 * Where H5 starts the government sign-in; the server brings the browser back to `/#<returnTo>`
 * (a route such as `/pages/profile/index`). `agree` carries the agreements the person ticked,
 * which the server records for whoever signs in.
 */
export function h5SignInUrl(returnTo: string): string {
  return `/api/auth/oidc/start?client=h5&returnTo=${encodeURIComponent(returnTo)}&agree=${encodeURIComponent(agreementsParam())}`
}

/** The page the mini-program's web-view opens to sign in with the government account (with the ticked agreements). */
export function mpSignInUrl(): string {
  return `${http.defaults.baseURL ?? ''}/api/auth/oidc/start?client=mp&agree=${encodeURIComponent(agreementsParam())}`
}
