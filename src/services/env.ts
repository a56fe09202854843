/** The one place the app reads its build-time configuration. */
import type { Platform } from '../../types/domain'

/** The platform this bundle was built for. */
export const platform = process.env.TARO_ENV

// The parentheses matter in the app tests: their transformer rewrites `process.env.TARO_ENV` to
// `process.env.TARO_ENV_JEST || process.env.TARO_ENV`, which `=== 'h5'` would otherwise bind into.
export function isH5(): boolean {
  return (process.env.TARO_ENV) === 'h5'
}

/** The mini-program this bundle runs in; null on H5, which has no subscription messages. */
export function miniProgramPlatform(): Platform | null {
  const env = process.env.TARO_ENV
  return env === 'weapp' || env === 'alipay' ? env : null
}

/** weapp / alipay: signed in with a bearer token; H5: a cookie session with a CSRF token. */
export function isMiniProgram(): boolean {
  return miniProgramPlatform() !== null
}

export function isAlipay(): boolean {
  return (process.env.TARO_ENV) === 'alipay'
}

/**
 * Origin of the API server. '' on H5 (served by the API server itself, same origin);
 * TARO_APP_API_BASE at build time for the mini-programs.
 */
export function apiBase(): string {
  return (process.env.TARO_APP_API_BASE ?? '').replace(/\/$/, '')
}
