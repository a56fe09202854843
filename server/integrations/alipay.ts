/**
 * Alipay through the OpenAPI gateway: mini-program login (alipay.system.oauth.token) and
 * subscription messages (alipay.open.app.mini.templatemessage.send), one signed call for both.
 * Contract: /work/shared/reference/platform-apis.md §4b (params, response, errors), §4c (RSA2), §4d.
 * The signing helpers are exported so the local fake (fakes/alipay-fake.ts) uses the same code.
 */
import crypto from 'node:crypto'
import type { Config } from '../config'
import { fetchJson } from './http'
import { PlatformLoginError, type PlatformLogin, type PlatformLoginErrorCode } from './platform-login'
import { gatewayTimestamp } from '../../types/time'
import { alipayValue, platformPage, pushFailure, templateData, transportFailure, type PushErrorCode, type PushSender } from './push'

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

/**
 * True when some object in the JSON `text` names the same key twice (compared after
 * unescaping, so `"a"` and `"\u0061"` clash), or when the text cannot be scanned.
 * JSON.parse silently keeps the last copy of a repeated key, which a signature check
 * over one copy cannot see; see callAlipay.
 */
export function hasDuplicateKeys(text: string): boolean {
  const open: (Set<string> | null)[] = [] // the keys seen in each enclosing object; null for an array
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === '"') {
      const end = skipString(text, i)
      if (end < 0) return true
      const keys = open[open.length - 1]
      let j = end
      while (j < text.length && /\s/.test(text[j])) j++
      if (keys && text[j] === ':') {
        let name: unknown
        try {
          name = JSON.parse(text.slice(i, end))
        } catch {
          return true
        }
        if (keys.has(name as string)) return true
        keys.add(name as string)
      }
      i = end
      continue
    }
    if (ch === '{') open.push(new Set())
    else if (ch === '[') open.push(null)
    else if (ch === '}' || ch === ']') open.pop()
    i++
  }
  return false
}

// ---------------------------------------------------------------- gateway

export interface AlipayNode {
  code?: unknown
  msg?: unknown
  sub_code?: unknown
  sub_msg?: unknown
  [key: string]: unknown
}

export type AlipayReply =
  | { ok: true; node: AlipayNode }
  /**
   * config: we could not sign; transport: no usable answer (platformCode network, http-NNN,
   * non-json, non-object, missing-response-node, invalid-response-sign: bad signature or a
   * repeated key anywhere in the body); business: Alipay
   * answered with an error node (platformCode is its sub_code, or its code).
   */
  | { ok: false; kind: 'config' | 'transport' | 'business'; platformCode: string; message?: string; node?: AlipayNode; cause?: unknown }

/**
 * Calls one OpenAPI method through the gateway (§4b, §4c): the common parameters, the RSA2
 * signature over them, then the signature of the reply checked over the raw response node.
 */
export async function callAlipay(
  cfg: Config['alipay'],
  method: string,
  methodParams: Record<string, string>,
  timeoutMs: number
): Promise<AlipayReply> {
  const params: Record<string, string> = {
    app_id: cfg.appId,
    method,
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: gatewayTimestamp(Date.now()),
    version: '1.0',
    ...methodParams
  }
  try {
    params.sign = rsa2Sign(alipaySignString(params), cfg.privateKey)
  } catch (cause) {
    return { ok: false, kind: 'config', platformCode: 'bad-private-key', cause }
  }
  const reply = await fetchJson(
    cfg.gateway,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString()
    },
    timeoutMs
  )
  if (!reply.ok) return { ok: false, kind: 'transport', platformCode: reply.reason, cause: reply.cause }

  // The signature covers the raw text of the first copy of the node found in the body,
  // while JSON.parse keeps the last copy of a repeated key: a body repeating the node key,
  // `sign`, or a key inside the node could carry a genuine signed node next to a forged
  // one. Alipay never repeats keys, so such a body is refused as unverifiable, and the
  // node used below is parsed from exactly the text that was verified.
  if (hasDuplicateKeys(reply.text)) return { ok: false, kind: 'transport', platformCode: 'invalid-response-sign' }

  const responseKey = method.replace(/\./g, '_') + '_response'
  const key = reply.body[responseKey] !== undefined ? responseKey : 'error_response'
  const raw = extractRawNode(reply.text, key)
  // A member's text cut out of a body that parsed is itself valid JSON.
  const node: unknown = raw === undefined ? undefined : JSON.parse(raw)
  if (raw === undefined || node === null || typeof node !== 'object') {
    return { ok: false, kind: 'transport', platformCode: 'missing-response-node' }
  }

  // Verify the signature over the node's raw text. Success replies must be signed;
  // an error reply is checked when it carries a sign.
  const sign = typeof reply.body.sign === 'string' ? reply.body.sign : ''
  if ((key === responseKey || sign) && !rsa2Verify(raw, sign, cfg.alipayPublicKey)) {
    return { ok: false, kind: 'transport', platformCode: 'invalid-response-sign' }
  }

  const data = node as AlipayNode
  if (key === 'error_response' || data.sub_code !== undefined || (data.code !== undefined && String(data.code) !== '10000')) {
    const subCode = typeof data.sub_code === 'string' ? data.sub_code : ''
    const message = data.sub_msg ?? data.msg
    return {
      ok: false,
      kind: 'business',
      platformCode: subCode || String(data.code ?? '') || 'unknown-error',
      ...(typeof message === 'string' ? { message } : {}),
      node: data
    }
  }
  return { ok: true, node: data }
}

// ---------------------------------------------------------------- login adapter

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

function fail(code: PlatformLoginErrorCode, platformCode: string, platformMessage?: unknown, cause?: unknown): never {
  throw new PlatformLoginError(code, {
    platform: 'alipay',
    platformCode,
    platformMessage: typeof platformMessage === 'string' ? platformMessage : undefined,
    cause
  })
}

export function createAlipayLogin(cfg: Config['alipay'], opts: AlipayLoginOptions = {}): PlatformLogin {
  const timeoutMs = opts.timeoutMs ?? 5000
  return {
    async exchange(code: string) {
      if (!cfg.gateway || !cfg.appId || !cfg.privateKey || !cfg.alipayPublicKey) fail('PLATFORM_CONFIG', 'missing-config')
      if (typeof code !== 'string' || code.trim() === '') fail('PLATFORM_CODE_INVALID', 'empty-code')

      // grant_type and code are top-level params for this API, not biz_content (§4b).
      const reply = await callAlipay(cfg, OAUTH_TOKEN_METHOD, { grant_type: 'authorization_code', code }, timeoutMs)
      if (!reply.ok) {
        if (reply.kind === 'config') fail('PLATFORM_CONFIG', reply.platformCode, undefined, reply.cause)
        if (reply.kind === 'transport') fail('PLATFORM_UNAVAILABLE', reply.platformCode, undefined, reply.cause)
        let mapped: PlatformLoginErrorCode = SUB_CODES[reply.platformCode] ?? 'PLATFORM_UNAVAILABLE'
        if (!SUB_CODES[reply.platformCode] && String(reply.node?.code) === '40006') mapped = 'PLATFORM_CONFIG' // Insufficient Permissions
        fail(mapped, reply.platformCode, reply.message)
      }
      const data = reply.node

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

// ---------------------------------------------------------------- subscription messages

export const TEMPLATE_MESSAGE_METHOD = 'alipay.open.app.mini.templatemessage.send'

/** sub_code → our code. Alipay documents USER_KEYWORD_LENGTH_ERROR for this API (§4d). */
const PUSH_SUB_CODES: Record<string, PushErrorCode> = {
  USER_KEYWORD_LENGTH_ERROR: 'INVALID_DATA',
  'isv.invalid-app-id': 'CONFIG',
  'isv.missing-app-id': 'CONFIG',
  'isv.invalid-signature': 'CONFIG',
  'isv.missing-signature': 'CONFIG',
  'isv.invalid-signature-type': 'CONFIG',
  'isv.insufficient-isv-permissions': 'CONFIG'
}

/**
 * An Alipay user id: 2088 and 12 more digits (§4d, “一般为2088开头的16位数字”). Anything else we
 * hold for Alipay is an open_id: login keeps the user_id when the token response has one and
 * the open_id only in openid mode (§4b).
 */
export const isAlipayUserId = (id: string) => /^2088\d{12}$/.test(id)

/**
 * The recipient in biz_content: `to_user_id` for a user id, `to_open_id` for an open_id. The
 * official SDK's model of this API has both fields (alipay/alipay-sdk-net-all,
 * v2/AlipaySDKNet.Standard/Domain/AlipayOpenAppMiniTemplatemessageSendModel.cs: to_open_id
 * “支付宝openId，用于支付宝用户在当前应用下的用户标识”); one of them is sent.
 */
export const alipayRecipient = (toUser: string): { to_user_id: string } | { to_open_id: string } =>
  isAlipayUserId(toUser) ? { to_user_id: toUser } : { to_open_id: toUser }

/** Subscription messages through alipay.open.app.mini.templatemessage.send, values ≤ 50 characters. */
export function createAlipaySender(cfg: Config['alipay'], opts: { timeoutMs?: number } = {}): PushSender {
  const timeoutMs = opts.timeoutMs ?? 5000
  return {
    async send(m) {
      if (!cfg.gateway || !cfg.appId || !cfg.privateKey || !cfg.alipayPublicKey || !m.template.id) {
        return pushFailure('CONFIG', 'missing-config')
      }
      const biz = {
        ...alipayRecipient(m.toUser),
        user_template_id: m.template.id,
        page: platformPage(m.page),
        // `data` is itself a JSON string (§4d)
        data: JSON.stringify(templateData(m.template, m.values, (_keyword, value) => alipayValue(value)))
      }
      const reply = await callAlipay(cfg, TEMPLATE_MESSAGE_METHOD, { biz_content: JSON.stringify(biz) }, timeoutMs)
      if (reply.ok) return { ok: true, platformCode: String(reply.node.code ?? '10000') }
      if (reply.kind === 'config') return pushFailure('CONFIG', reply.platformCode)
      if (reply.kind === 'transport') {
        return reply.platformCode === 'network' ? transportFailure(reply.cause) : pushFailure('UNAVAILABLE', reply.platformCode)
      }
      const code = PUSH_SUB_CODES[reply.platformCode]
      if (code) return pushFailure(code, reply.platformCode, reply.message)
      // 20000 服务不可用: nothing was sent, try again later
      return pushFailure('UNAVAILABLE', reply.platformCode, reply.message, String(reply.node?.code) === '20000')
    }
  }
}
