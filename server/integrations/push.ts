/**
 * Port: send one subscription message to a person's phone. Adapters: wechat-message.ts
 * (subscribeMessage.send), alipay.ts (alipay.open.app.mini.templatemessage.send).
 *
 * A message is a template plus values for named slots; each platform's adapter turns the
 * slots into its template keywords within the platform's limits (platform-apis.md §3c, §4d).
 */
import { formatDate, formatDeadline } from '../../types/time'
import type { PushPurpose } from '../../types/messages'

export const PUSH_SLOTS = ['campaign', 'demand', 'deadline', 'left', 'status', 'note', 'time'] as const
/** campaign, demand: titles; deadline, time: ISO instants; left, status, note: short text. */
export type PushSlot = (typeof PUSH_SLOTS)[number]
export type PushValues = Partial<Record<PushSlot, string>>

/** What a message is for: a deadline reminder, or a change (status, decision, a new thread message). */
export type { PushPurpose }
export const PUSH_PURPOSES: readonly PushPurpose[] = ['reminder', 'status']

export interface PushTemplate {
  /** The template id from the platform's console; empty switches the message off there. */
  id: string
  /** Long-term (长期订阅): one consent allows many messages. One-time: one consent, one message. */
  longTerm: boolean
  /** Which keyword of the template carries which slot, e.g. { campaign: 'thing1' }. */
  keywords: PushValues
}

export interface PushMessage {
  /** WeChat openid; Alipay user id (2088…) or, for a user known only by it, open_id. */
  toUser: string
  template: PushTemplate
  /** The app page the message opens, e.g. /packages/demand/pages/wizard/index?id=… */
  page: string
  values: PushValues
}

export type PushErrorCode =
  | 'REFUSED' // the person refused or cancelled, or the one-time consent is used up (WeChat 43101)
  | 'INVALID_DATA' // a keyword value broke the template's rules (47003, USER_KEYWORD_LENGTH_ERROR)
  | 'INVALID_USER' // unknown or empty recipient (40003)
  | 'INVALID_TEMPLATE' // template id wrong (40037)
  | 'INVALID_PAGE' // page not in the released mini-program (41030)
  | 'RATE_LIMITED' // daily or per-minute quota (45009, 45011)
  | 'TOKEN_INVALID' // the access token was refused again after one refresh (40001, 42001)
  | 'CONFIG' // our credentials or signature are wrong
  | 'UNAVAILABLE' // the platform answered with a system error, or not in a form we understand
  | 'NO_ANSWER' // no answer (timeout, reset): the message may or may not have gone

export type PushResult =
  | { ok: true; platformCode: string }
  | { ok: false; code: PushErrorCode; platformCode: string; message?: string; retryable: boolean }

export interface PushSender {
  send(message: PushMessage): Promise<PushResult>
}

export const pushFailure = (
  code: PushErrorCode,
  platformCode: string | number,
  message?: unknown,
  retryable = false
): PushResult => ({
  ok: false,
  code,
  platformCode: String(platformCode),
  ...(typeof message === 'string' && message ? { message: message.slice(0, 500) } : {}),
  retryable
})

/** A network failure: refused connections never reached the platform, anything else may have. */
export function transportFailure(err: unknown): PushResult {
  const e = err as { code?: string; name?: string; cause?: { code?: string } } | undefined
  const code = e?.code ?? e?.cause?.code ?? e?.name ?? 'network'
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND'
    ? pushFailure('UNAVAILABLE', code, undefined, true)
    : pushFailure('NO_ANSWER', code)
}

// ---------------------------------------------------------------- template values

/** At most `max` characters (code points); a cut text ends with '…' inside the limit. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim())
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…'
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A value within the rules of a WeChat keyword type (the part of the keyword before its
 * number: thing1 → thing), platform-apis.md §3c: thing ≤ 20 characters, phrase ≤ 5 Chinese
 * characters, name ≤ 10, character_string/letter/number ≤ 32 without Chinese, time and date
 * as 年月日 with a 24-hour time (Asia/Shanghai).
 */
export function wechatValue(keyword: string, value: string): string {
  const type = keyword.replace(/[0-9]+$/, '')
  const instant = ISO.test(value)
  switch (type) {
    case 'time':
      return instant ? formatDeadline(value) : truncate(value, 20)
    case 'date':
      return instant ? formatDate(value) : truncate(value, 20)
    case 'phrase':
      return Array.from(value.replace(/[^\u4e00-\u9fff]/g, '')).slice(0, 5).join('')
    case 'name':
      return truncate(value, 10)
    case 'character_string':
    case 'letter':
    case 'number':
    case 'symbol':
      return value.replace(/[^\x21-\x7e]/g, '').slice(0, type === 'symbol' ? 5 : 32)
    default: // thing and anything newer: the strictest common rule
      return truncate(instant ? formatDeadline(value) : value, 20)
  }
}

/** Alipay keywords are free text of at most 50 characters (§4d, USER_KEYWORD_LENGTH_ERROR). */
export function alipayValue(value: string): string {
  return truncate(ISO.test(value) ? formatDeadline(value) : value, 50)
}

/** `{ keyword: { value } }` for the slots the template names and the message has. */
export function templateData(
  template: PushTemplate,
  values: PushValues,
  format: (keyword: string, value: string) => string
): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [slot, keyword] of Object.entries(template.keywords) as Array<[PushSlot, string]>) {
    const value = values[slot]
    if (keyword && value !== undefined && value !== '') data[keyword] = { value: format(keyword, value) }
  }
  return data
}

/** Mini-program pages are named without the leading slash (`packages/demand/pages/…?id=…`). */
export const platformPage = (page: string) => page.replace(/^\/+/, '')
