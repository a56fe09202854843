/**
 * The message center, the thread of a demand, notification settings and push consents
 * (server/routes/messages.ts). One small function per server call.
 * The response shapes are the shared contract in types/messages.ts.
 */
import type { Platform } from '../../../types/domain'
import type { DemandStatusView } from '../../../types/recommend'
import type {
  ConsentAnswer,
  MessageItem,
  MessagePage,
  NotificationSetting,
  PushPurpose,
  PushTemplates,
  TemplateConsent,
  Thread,
  ThreadKind,
  ThreadMessage
} from '../../../types/messages'
import { http, isApiError } from '../../services/http'
import { cachedGet, invalidate } from '../../services/query'
import { getDemandStatus } from '../status'

export type { ConsentAnswer, MessageItem, MessagePage, NotificationSetting, PushPurpose, PushTemplates, TemplateConsent, Thread, ThreadKind, ThreadMessage }

// ---------------------------------------------------------------- message center



export function getMessages(before?: string, limit = 20): Promise<MessagePage> {
  return cachedGet<MessagePage>('/api/messages', { limit: String(limit), ...(before ? { before } : {}) })
}

export async function getUnreadCount(): Promise<number> {
  return (await cachedGet<{ unread: number }>('/api/messages/unread-count')).unread
}

/** Marks one message read; answers the unread count left. */
export async function markMessageRead(id: string): Promise<number> {
  const { data } = await http.post<{ unread: number }>(`/api/messages/${encodeURIComponent(id)}/read`, {})
  invalidate('/api/messages')
  return data.unread
}

export async function markAllMessagesRead(): Promise<number> {
  const { data } = await http.post<{ unread: number }>('/api/messages/read-all', {})
  invalidate('/api/messages')
  return data.unread
}

// ---------------------------------------------------------------- the thread of a demand




export function getThread(demandId: string): Promise<Thread> {
  return cachedGet<Thread>(`/api/demands/${encodeURIComponent(demandId)}/thread`)
}

/** Errors (ApiError): MESSAGE_EMPTY, MESSAGE_TOO_LONG (field `body`), NOT_FOUND. */
export async function postThreadMessage(demandId: string, body: string): Promise<ThreadMessage> {
  const { data } = await http.post<ThreadMessage>(`/api/demands/${encodeURIComponent(demandId)}/thread`, { body })
  invalidate(`/api/demands/${encodeURIComponent(demandId)}/thread`)
  return data
}

/** Read up to now (also the message-center messages about this demand); answers the unread count left. */
export async function markThreadRead(demandId: string): Promise<number> {
  const { data } = await http.post<{ unread: number }>(`/api/demands/${encodeURIComponent(demandId)}/thread/read`, {})
  invalidate('/api/messages')
  invalidate(`/api/demands/${encodeURIComponent(demandId)}/thread`)
  return data.unread
}

/** Longest thread message the server takes, in characters (server THREAD_MESSAGE_MAX). */
export const THREAD_MESSAGE_MAX = 1000

// ---------------------------------------------------------------- settings and consents


export async function getNotificationSettings(): Promise<NotificationSetting[]> {
  return (await cachedGet<{ settings: NotificationSetting[] }>('/api/notification-settings')).settings
}

export async function saveNotificationSettings(changes: Record<string, boolean>): Promise<NotificationSetting[]> {
  const { data } = await http.put<{ settings: NotificationSetting[] }>('/api/notification-settings', { settings: changes })
  invalidate('/api/notification-settings')
  return data.settings
}





export function getPushTemplates(platform: Platform): Promise<PushTemplates> {
  return cachedGet<PushTemplates>('/api/push/templates', { platform })
}

export async function postPushConsents(platform: Platform, results: Record<string, ConsentAnswer>): Promise<PushTemplates> {
  const { data } = await http.post<PushTemplates>('/api/push/consents', { platform, results })
  invalidate('/api/push/templates')
  return data
}

// ---------------------------------------------------------------- who the enterprise talks to

export interface ThreadContext {
  status: DemandStatusView['status']
  statusLabel: string
  /** The recommending unit the latest submission chose; null before the first submission. */
  unitName: string | null
}

/**
 * For the demand's owner: where the demand stands and which unit answers in the thread
 * (from GET /api/demands/:id/status). Null for the recommending unit, which is not its owner.
 */
export async function getThreadContext(demandId: string): Promise<ThreadContext | null> {
  try {
    const data = await getDemandStatus(demandId)
    return { status: data.status, statusLabel: data.statusLabel, unitName: data.unit?.name ?? null }
  } catch (e) {
    if (isApiError(e) && (e.status === 403 || e.status === 404)) return null
    throw e
  }
}
