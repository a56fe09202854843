/**
 * Consent to subscription messages (WeChat wx.requestSubscribeMessage, Alipay
 * my.requestSubscribeMessage), asked at moments the person taps: saving a draft, submitting,
 * or the button on the settings page. The answers go to the server, which keeps the consents
 * per template (one-time: one message per consent; long-term: many) and sends accordingly.
 *
 * Platform rules (reference/platform-apis.md §3a, §4d):
 * - the panel opens only from a tap: the call must happen in the tap handler, before anything
 *   is awaited. The template ids are therefore fetched ahead (`preparePushConsent` in
 *   push-templates.ts, run when a tab page shows) and the platform is called synchronously from the cache;
 * - at most 3 template ids per call, and one-time and long-term templates are never mixed;
 * - H5 has no subscription messages: nothing happens there.
 */
import Taro from '@tarojs/taro'
import type { Platform } from '../../../types/domain'
import { miniProgramPlatform } from '../../services/env'
import { isApiError, toApiError } from '../../services/http'
// the api file only, not the auth screens
import { bindPlatformAccount } from '../auth'
import { postPushConsents, type ConsentAnswer, type PushPurpose, type PushTemplates, type TemplateConsent } from './api'
import { cachedTemplates, forgetTemplates, loadTemplates, rememberTemplates } from './push-templates'

/** The tap that asks: saving a draft, submitting a demand, or the settings page's button. */
export type ConsentMoment = 'save' | 'submit' | 'settings'

export interface PushConsentOptions {
  /** Ask for this purpose only (the settings page's buttons). */
  purpose?: PushPurpose
}

export interface PushConsentResult {
  /** The platform's consent panel was called. */
  asked: boolean
  /** Template ids asked for. */
  templateIds: string[]
  /** Of those, the ones the person accepted. */
  accepted: string[]
  /** Why nothing was asked. */
  skipped?: 'unsupported' | 'signed-out' | 'no-templates' | 'not-needed'
  /** The platform or the server refused (e.g. the main switch is off, the network dropped). */
  error?: string
}

/** Per call (WeChat's current page says 5, older ones and Alipay 3: use the safe number). */
export const MAX_TEMPLATES_PER_CALL = 3
/** One-time status consents kept in hand: asking again below this many on submit. */
const ONE_TIME_WANTED = 3

/** What each moment asks for, most wanted first. */
const PURPOSES: Record<ConsentMoment, PushPurpose[]> = {
  // a draft being filled: the deadline reminders are what matter
  save: ['reminder'],
  // submitted: what happens to it next (returned, recommended …); reminders matter if it comes back
  submit: ['status', 'reminder'],
  settings: ['reminder', 'status']
}

const CONSENT_ANSWERS: readonly string[] = ['accept', 'acceptWithAudio', 'reject', 'ban', 'filter']

/** Saving asks once per app session: a person who said no is not asked at every save. */
const askedOnSave = new Set<string>()

/** Forgets what is cached (sign-out, tests). */
export function resetPushConsentCache(): void {
  forgetTemplates()
  askedOnSave.clear()
}

/** The templates to ask for at `moment`: one kind (one-time or long-term), at most 3. */
export function pickTemplates(templates: TemplateConsent[], moment: ConsentMoment, options: PushConsentOptions = {}): TemplateConsent[] {
  const worthAsking = (t: TemplateConsent) => {
    if (!t.id) return false
    if (moment === 'settings') return true
    if (moment === 'save' && askedOnSave.has(t.id)) return false
    return t.longTerm ? !t.subscribed : t.oneTimeGrants < ONE_TIME_WANTED
  }
  const purposes = options.purpose ? [options.purpose] : PURPOSES[moment]
  for (const purpose of purposes) {
    const first = templates.find((t) => t.purpose === purpose && worthAsking(t))
    if (!first) continue
    const sameKind = templates.filter(
      (t) => t !== first && t.longTerm === first.longTerm && purposes.includes(t.purpose) && worthAsking(t)
    )
    return [first, ...sameKind].slice(0, MAX_TEMPLATES_PER_CALL)
  }
  return []
}

type PlatformAnswer = Record<string, unknown> & {
  result?: { subscribedEntityIds?: string[]; unsubscribedEntityIds?: string[] }
}

/** Opens the platform's panel. Must run synchronously inside the tap. */
function openPanel(platform: Platform, ids: string[]): Promise<PlatformAnswer> {
  const option = (platform === 'weapp' ? { tmplIds: ids } : { entityIds: ids }) as unknown as Taro.requestSubscribeMessage.Option
  try {
    // On Alipay Taro hands this to my.requestSubscribeMessage unchanged.
    return Promise.resolve(Taro.requestSubscribeMessage(option)) as Promise<PlatformAnswer>
  } catch (e) {
    return Promise.reject(e)
  }
}

/** The answer per template id: WeChat puts it under the id; Alipay too, or in result.(un)subscribedEntityIds. */
export function answersOf(ids: string[], res: PlatformAnswer): Record<string, ConsentAnswer> {
  const out: Record<string, ConsentAnswer> = {}
  for (const id of ids) {
    const v = res[id]
    if (typeof v === 'string' && CONSENT_ANSWERS.includes(v)) out[id] = v as ConsentAnswer
    else if (res.result?.subscribedEntityIds?.includes(id)) out[id] = 'accept'
    else if (res.result?.unsubscribedEntityIds?.includes(id)) out[id] = 'reject'
  }
  return out
}

function failureText(e: unknown): string {
  if (isApiError(e)) return e.message
  const r = e as { errMsg?: string; errorMessage?: string; errCode?: number; errorCode?: number; error?: number } | undefined
  const code = r?.errCode ?? r?.errorCode ?? r?.error
  if (code === 20004) return '已在微信设置中关闭接收通知'
  if (code === 11) return '已取消订阅'
  return r?.errMsg ?? r?.errorMessage ?? String(e)
}

function ask(platform: Platform, templates: PushTemplates, moment: ConsentMoment, options: PushConsentOptions): Promise<PushConsentResult> {
  const chosen = pickTemplates(templates.templates, moment, options)
  if (chosen.length === 0) {
    // The server uses consents up as it sends: look again for the next tap.
    void loadTemplates(platform).catch(() => undefined)
    const skipped = templates.templates.length === 0 ? 'no-templates' : 'not-needed'
    return Promise.resolve({ asked: false, templateIds: [], accepted: [], skipped })
  }
  const ids = chosen.map((t) => t.id)
  if (moment === 'save') ids.forEach((id) => askedOnSave.add(id))
  // Synchronous from here to the platform call: nothing is awaited before it.
  const panel = openPanel(platform, ids)
  return panel.then(
    async (res) => {
      const answers = answersOf(ids, res)
      const accepted = ids.filter((id) => answers[id] === 'accept' || answers[id] === 'acceptWithAudio')
      if (Object.keys(answers).length === 0) return { asked: true, templateIds: ids, accepted }
      try {
        const after = rememberTemplates(await postPushConsents(platform, answers))
        // Nothing reaches a phone that is not linked to the account: link it now (sign-in normally does).
        if (!after.bound && accepted.length > 0) void bindPlatformAccount()
        return { asked: true, templateIds: ids, accepted }
      } catch (e) {
        return { asked: true, templateIds: ids, accepted, error: toApiError(e).message }
      }
    },
    (e: unknown) => {
      console.warn('[consent] 订阅消息授权未完成', e)
      return { asked: true, templateIds: ids, accepted: [], error: failureText(e) }
    }
  )
}

/**
 * Asks the person to allow subscription messages, from a tap. Call it synchronously inside
 * the tap handler, before the handler awaits anything (e.g. `void requestPushConsent('submit')`
 * as the first line of the submit button's onClick). Never throws; resolves to what happened.
 *
 * - WeChat: Taro.requestSubscribeMessage({ tmplIds }) with the template ids of
 *   GET /api/push/templates (≤ 3, one kind per call); Alipay: my.requestSubscribeMessage
 *   ({ entityIds }); the answers go to POST /api/push/consents.
 * - H5: does nothing (`skipped: 'unsupported'`).
 */
export function requestPushConsent(moment: ConsentMoment, options: PushConsentOptions = {}): Promise<PushConsentResult> {
  const platform = miniProgramPlatform()
  if (!platform) return Promise.resolve({ asked: false, templateIds: [], accepted: [], skipped: 'unsupported' })
  const known = cachedTemplates(platform)
  if (known) return ask(platform, known, moment, options)
  // Not fetched yet (the first tap of a fresh install): WeChat may refuse a panel opened after
  // this wait; the error is reported and the next tap works from the cache.
  return loadTemplates(platform).then(
    (t) => ask(platform, t, moment, options),
    (e: unknown): PushConsentResult =>
      isApiError(e) && e.isUnauthenticated
        ? { asked: false, templateIds: [], accepted: [], skipped: 'signed-out' }
        : { asked: false, templateIds: [], accepted: [], error: toApiError(e).message }
  )
}
