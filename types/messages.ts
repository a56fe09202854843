/**
 * What the message routes send and take: the message center, the thread of a demand, the
 * reminder and push settings, subscription consents, and the bureau's reminder schedule.
 * Instants are ISO strings.
 */
import type { Platform, Role } from './domain'
import type { QuietHours, ReminderAudience } from './reminders'

/** GET /api/messages: one message in the message center. */
export interface MessageItem {
  id: string
  /** reminder_enterprise, reminder_recommender, thread_message, status_<status>, … */
  kind: string
  title: string
  body: string
  /** The app page it opens. */
  path: string
  demandId: string | null
  campaignId: string | null
  createdAt: string
  read: boolean
}

export interface MessagePage {
  messages: MessageItem[]
  /** For the badge. */
  unread: number
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: string | null
}

export type ThreadKind = 'message' | 'return_reason' | 'decision'

export interface ThreadMessage {
  id: string
  authorRole: Role
  authorName: string
  /** Written by the person asking. */
  mine: boolean
  kind: ThreadKind
  body: string
  createdAt: string
  /** For one's own messages: someone on the other side has read it (已读). */
  readByOthers: boolean
}

/** GET /api/demands/:id/thread */
export interface Thread {
  demandId: string
  demandTitle: string
  messages: ThreadMessage[]
  /** Messages by others since the person last read the thread. */
  unread: number
}

/** GET /api/notification-settings: one switch. */
export interface NotificationSetting {
  /** reminder:<audience>:<offset> (e.g. reminder:enterprise:7d), push:status, push:thread */
  key: string
  group: 'reminder' | 'push'
  label: string
  enabled: boolean
}

/** What a subscription message is for. */
export type PushPurpose = 'reminder' | 'status'

/** The result of wx.requestSubscribeMessage / my.requestSubscribeMessage for one template. */
export type ConsentAnswer = 'accept' | 'acceptWithAudio' | 'reject' | 'ban' | 'filter'
export const CONSENT_ANSWERS: readonly ConsentAnswer[] = ['accept', 'acceptWithAudio', 'reject', 'ban', 'filter']

export interface TemplateConsent {
  /** Pass to requestSubscribeMessage (tmplIds / entityIds). */
  id: string
  purpose: PushPurpose
  /** Long-term (长期订阅): one consent, many messages. Do not mix with one-time ids in one call. */
  longTerm: boolean
  /** Long-term: the person agreed and has not refused since. */
  subscribed: boolean
  /** One-time: messages the person's consents still allow. */
  oneTimeGrants: number
  lastResult: string | null
}

/** GET /api/push/templates, and POST /api/push/consents (with `ignored`). */
export interface PushTemplates {
  platform: Platform
  /** The phone is linked to the account (POST /api/auth/platform-bind); nothing is pushed without it. */
  bound: boolean
  templates: TemplateConsent[]
  /** Template ids in the request that the server does not use. */
  ignored?: string[]
}

/** One milestone in GET /api/campaigns/:id/reminders. */
export interface ScheduledMilestone {
  audience: ReminderAudience
  /** 7d, 3d, 1d, 2h, … */
  offset: string
  /** 截止前7天 */
  label: string
  /** When it goes out for the current deadline (after the quiet hours). */
  fireAt: string
  /**
   * planned: ahead; due: goes out with the next minute's check; sending / sent: being sent or
   * sent for this deadline; skipped: passed without going (a later one was due, or the deadline moved).
   */
  state: 'planned' | 'due' | 'sending' | 'sent' | 'skipped'
  /** People reminded of this milestone in this campaign so far (for an earlier deadline too). */
  delivered: number
}

export interface ReminderSchedule {
  campaignId: string
  enterpriseDeadlineAt: string
  recommenderDeadlineAt: string
  quietHours: QuietHours | null
  milestones: ScheduledMilestone[]
}
