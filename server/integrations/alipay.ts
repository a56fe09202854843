/**
 * Alipay mini-program login: alipay.system.oauth.token through the OpenAPI gateway.
 * Contract: /work/shared/reference/platform-apis.md §4b (params, response, errors) and §4c (RSA2).
 * The signing helpers are exported so the local fake (fakes/alipay-fake.ts) uses the same code.
 */
import crypto from 'node:crypto'
import type { Config } from '../config'
import { PlatformLoginError, type PlatformLogin, type PlatformLoginErrorCode } from './platform-login'

export const OAUTH_TOKEN_METHOD = 'alipay.system.oauth.token'
/** `<method with dots → underscores>_response` */
export const OAUTH_TOKEN_RESPONSE_KEY = 'alipay_system_oauth_token_response'

// ---------------------------------------------------------------- signing helpers

/**
 * The string to sign (待签名字符串), §4c: drop `sign` and empty values, sort keys by
 * ASCII, join raw (not URL-encoded) `key=value` pairs with `&`. `sign_type` stays in.
 */
export function alipaySignString(params: Record<string, string | undefined | null>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign')
    .filter((key) => {
      const value = params[key]
      return value !== undefined && value !== null && value !== ''
    })
    .sort() // default sort compares UTF-16 code units = ASCII order for ASCII keys
    .map((key) => `${key}=${params[key]}`)
    .join('&')
}

/** Accepts PEM, or the bare base64 body Alipay's key tool prints (PKCS#8 private / SPKI public). */
function toPem(key: string, kind: 'PRIVATE' | 'PUBLIC'): string {
  const trimmed = key.trim()
  if (trimmed.includes('-----BEGIN')) return trimmed
  const body = trimmed.replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? ''
  return `-----BEGIN ${kind} KEY-----\n${body}\n-----END ${kind} KEY-----\n`
}

/** SHA256withRSA (PKCS#1 v1.5) over the UTF-8 bytes of `content`, base64. */
export function rsa2Sign(content: string, privateKey: string): string {
  return crypto.sign('RSA-SHA256', Buffer.from(content, 'utf8'), toPem(privateKey, 'PRIVATE')).toString('base64')
}

/** True when `signature` (base64) is a valid RSA-SHA256 signature of `content`; false on any error. */
export function rsa2Verify(content: string, signature: string, publicKey: string): boolean {
  if (!signature) return false
  try {
    return crypto.verify(
      'RSA-SHA256',
      Buffer.from(content, 'utf8'),
      toPem(publicKey, 'PUBLIC'),
      Buffer.from(signature, 'base64')
    )
  } catch {
    return false
  }
}

/** Index just past the JSON string that starts at `start` (a `"`). */
function skipString(text: string, start: number): number {
  let i = start + 1
  while (i < text.length) {
    const ch = text[i]
    if (ch === '\\') i += 2
    else if (ch === '"') return i + 1
    else i++
  }
  return -1
}

/** Index just past the JSON value that starts at `start`. */
function skipValue(text: string, start: number): number {
  const first = text[start]
  if (first === '"') return skipString(text, start)
  if (first === '{' || first === '[') {
    let depth = 0
    let i = start
    while (i < text.length) {
      const ch = text[i]
      if (ch === '"') {
        i = skipString(text, i)
        if (i < 0) return -1
        continue
      }
      if (ch === '{' || ch === '[') depth++
      else if (ch === '}' || ch === ']') {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
    return -1
  }
  let i = start
  while (i < text.length && !/[\s,}\]]/.test(text[i])) i++
  return i
}

/**
 * The raw JSON text of the top-level member `key` of the object in `body`, cut out
 * as-is (the content Alipay signs, §4c "Response verification"). Undefined when absent.
 */
export function extractRawNode(body: string, key: string): string | undefined {
  let depth = 0
  let i = 0
  while (i < body.length) {
    const ch = body[i]
    if (ch === '"') {
      const end = skipString(body, i)
      if (end < 0) return undefined
      if (depth === 1) {
        let j = end
        while (j < body.length && /\s/.test(body[j])) j++
        if (body[j] === ':') {
          let name: unknown
          try {
            name = JSON.parse(body.slice(i, end))
          } catch {
            return undefined
          }
          j++
          while (j < body.length && /\s/.test(body[j])) j++
          const valueEnd = skipValue(body, j)
          if (valueEnd < 0) return undefined
          if (name === key) return body.slice(j, valueEnd)
          i = valueEnd // skip the member's value entirely
          continue
        }
      }
      i = end
      continue
    }
    if (ch === '{' || ch === '[') depth++
    else if (ch === '}' || ch === ']') depth--
    i++
  }
  return undefined
}

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai (UTC+8, no daylight saving). */
export function alipayTimestamp(date: Date = new Date()): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

// ---------------------------------------------------------------- adapter

export interface AlipayLoginOptions {
  /** Abort the HTTP call after this long (default 5000 ms). */
  timeoutMs?: number
}

const SUB_CODES: Record<string, PlatformLoginErrorCode> = {
  'isv.code-invalid': 'PLATFORM_CODE_INVALID',
  'isv.invalid-app-id': 'PLATFORM_CONFIG',
  'isv.missing-app-id': 'PLATFORM_CONFIG',
  'isv.invalid-signature': 'PLATFORM_CONFIG',
  'isv.missing-signature': 'PLATFORM_CONFIG',
  'isv.invalid-signature-type': 'PLATFORM_CONFIG',
  'isv.insufficient-isv-permissions': 'PLATFORM_CONFIG'
}

interface AlipayNode {
  code?: unknown
  msg?: unknown
  sub_code?: unknown
  sub_msg?: unknown
  user_id?: unknown
  open_id?: unknown
  union_id?: unknown
}

function fail(code: PlatformLoginErrorCode, platformCode: string, platformMessage?: unknown, cause?: unknown): never {
  throw new PlatformLoginError(code, {
    platform: 'alipay',
    platformCode,
    platformMessage: typeof platformMessage === 'string' ? platformMessage : undefined,
    cause
  })
}

function mapError(node: AlipayNode): never {
  const subCode = typeof node.sub_code === 'string' ? node.sub_code : ''
  const code = String(node.code ?? '')
  let mapped: PlatformLoginErrorCode = SUB_CODES[subCode] ?? 'PLATFORM_UNAVAILABLE'
  if (!SUB_CODES[subCode] && code === '40006') mapped = 'PLATFORM_CONFIG' // Insufficient Permissions
  return fail(mapped, subCode || code || 'unknown-error', node.sub_msg ?? node.msg)
}

export function createAlipayLogin(cfg: Config['alipay'], opts: AlipayLoginOptions = {}): PlatformLogin {
  const timeoutMs = opts.timeoutMs ?? 5000
  return {
    async exchange(code: string) {
      if (!cfg.gateway || !cfg.appId || !cfg.privateKey || !cfg.alipayPublicKey) fail('PLATFORM_CONFIG', 'missing-config')
      if (typeof code !== 'string' || code.trim() === '') fail('PLATFORM_CODE_INVALID', 'empty-code')

      // grant_type and code are top-level params for this API, not biz_content (§4b).
      const params: Record<string, string> = {
        app_id: cfg.appId,
        method: OAUTH_TOKEN_METHOD,
        charset: 'utf-8',
        sign_type: 'RSA2',
        timestamp: alipayTimestamp(),
        version: '1.0',
        grant_type: 'authorization_code',
        code
      }
      try {
        params.sign = rsa2Sign(alipaySignString(params), cfg.privateKey)
      } catch (err) {
        fail('PLATFORM_CONFIG', 'bad-private-key', undefined, err)
      }

      let status: number
      let text: string
      try {
        const res = await fetch(cfg.gateway, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
          body: new URLSearchParams(params).toString(),
          signal: AbortSignal.timeout(timeoutMs)
        })
        status = res.status
        text = await res.text()
      } catch (err) {
        fail('PLATFORM_UNAVAILABLE', 'network', undefined, err)
      }
      if (status < 200 || status >= 300) fail('PLATFORM_UNAVAILABLE', `http-${status}`)

      let body: Record<string, unknown>
      try {
        const parsed: unknown = JSON.parse(text)
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
        body = parsed as Record<string, unknown>
      } catch (err) {
        fail('PLATFORM_UNAVAILABLE', 'non-json', undefined, err)
      }

      const key = body[OAUTH_TOKEN_RESPONSE_KEY] !== undefined ? OAUTH_TOKEN_RESPONSE_KEY : 'error_response'
      const node = body[key]
      if (node === null || typeof node !== 'object') fail('PLATFORM_UNAVAILABLE', 'missing-response-node')

      // Verify the signature over the node's raw text. Success replies must be signed;
      // an error reply is checked when it carries a sign.
      const sign = typeof body.sign === 'string' ? body.sign : ''
      if (key === OAUTH_TOKEN_RESPONSE_KEY || sign) {
        const raw = extractRawNode(text, key)
        if (raw === undefined || !rsa2Verify(raw, sign, cfg.alipayPublicKey)) {
          fail('PLATFORM_UNAVAILABLE', 'invalid-response-sign')
        }
      }

      const data = node as AlipayNode
      if (key === 'error_response' || data.sub_code !== undefined || (data.code !== undefined && String(data.code) !== '10000')) {
        mapError(data)
      }

      // openid migration (§4b): user_id may be empty and open_id set instead. Prefer the
      // 2088… user_id when present, since the template-message API addresses users by it.
      const userId = typeof data.user_id === 'string' ? data.user_id : ''
      const openId = typeof data.open_id === 'string' ? data.open_id : ''
      const platformUserId = userId || openId
      if (!platformUserId) fail('PLATFORM_UNAVAILABLE', 'missing-user-id')
      const result: { platformUserId: string; unionId?: string } = { platformUserId }
      if (typeof data.union_id === 'string' && data.union_id !== '') result.unionId = data.union_id
      return result
    }
  }
}
