/**
 * Messages and reminders: the message center, the thread of a demand, which reminders and
 * pushes a person gets, the subscription consents from the phone, and (for the bureau) the
 * reminder schedule of a campaign and moving its deadlines. Posting in a thread and recording
 * consents are limited per person (config.userLimits, server/rate-limit.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { CONSENT_ANSWERS, type MessagePage, type NotificationSetting, type PushTemplates, type ReminderSchedule, type Thread, type ThreadMessage } from '../../types/messages'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import {
  THREAD_MESSAGE_MAX,
  getThread,
  listMessages,
  markAllMessagesRead,
  markMessageRead,
  markThreadRead,
  postToThread,
  threadDemand,
  unreadCount
} from '../messages'
import { pushTemplates, recordConsents } from '../push'
import { hit } from '../rate-limit'
import { campaignFor, type Reviewer } from '../recommend'
import { moveDeadline, notificationSettings, reminderSchedule, saveNotificationSettings } from '../reminders'
import { CampaignIdParams, Described, IdParams, replies, Unread, Uuid } from '../schemas/common'
import { requireSession } from './guards'

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })
const PlatformSchema = Type.Enum(['weapp', 'alipay'])
const Settings = Type.Object({ settings: Described<NotificationSetting[]>() })
const Schedule = Described<ReminderSchedule>()
const Templates = Described<PushTemplates>()

export const messageRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock, config } = deps

  // ---------------------------------------------------------------- message center

  app.get(
    '/api/messages',
    {
      schema: {
        querystring: Type.Object({
          limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-4][0-9]|50)$' })),
          before: Type.Optional(Uuid)
        }),
        response: replies(Described<MessagePage>())
      }
    },
    async (request, reply) => {
      const { userId } = requireSession(request)
      reply.header('cache-control', 'no-store')
      return listMessages(db, userId, { before: request.query.before, limit: Number(request.query.limit ?? 20) })
    }
  )

  /** For the badge on the tab bar: cheap, poll it on show. */
  app.get('/api/messages/unread-count', { schema: { response: replies(Unread) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return { unread: await unreadCount(db, requireSession(request).userId) }
  })

  app.post('/api/messages/:id/read', { schema: { params: IdParams, response: replies(Unread) } }, async (request) => ({
    unread: await markMessageRead(db, requireSession(request).userId, request.params.id, clock())
  }))

  app.post('/api/messages/read-all', { schema: { response: replies(Unread) } }, async (request) => {
    await markAllMessagesRead(db, requireSession(request).userId, clock())
    return { unread: 0 }
  })

  // ---------------------------------------------------------------- the thread of a demand

  app.get('/api/demands/:id/thread', { schema: { params: IdParams, response: replies(Described<Thread>()) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return getThread(db, requireSession(request), request.params.id)
  })

  app.post(
    '/api/demands/:id/thread',
    {
      schema: {
        params: IdParams,
        // no maxLength here: an over-long message gets MESSAGE_TOO_LONG below (the body limit caps the size)
        body: Type.Object({ body: Type.String() }),
        response: replies(Described<ThreadMessage>(), 201)
      }
    },
    async (request, reply) => {
      const session = requireSession(request)
      await hit(db, `thread-post:user:${session.userId}`, config.userLimits.threadPosts, clock())
      const body = request.body.body.trim()
      if (!body) throw new AppError(400, 'MESSAGE_EMPTY', '请输入留言内容', [{ field: 'body', code: 'REQUIRED', message: '请输入留言内容' }])
      if (Array.from(body).length > THREAD_MESSAGE_MAX) {
        const message = `留言不能超过${THREAD_MESSAGE_MAX}字`
        throw new AppError(400, 'MESSAGE_TOO_LONG', message, [{ field: 'body', code: 'TOO_LONG', message }])
      }
      const posted = await db.transaction((tx) => postToThread(tx, session, request.params.id, body, clock()))
      return reply.status(201).send(posted)
    }
  )

  /** Read up to now; also reads the message-center messages that pointed at this thread. */
  app.post('/api/demands/:id/thread/read', { schema: { params: IdParams, response: replies(Unread) } }, async (request) => {
    const session = requireSession(request)
    await threadDemand(db, session, request.params.id)
    await markThreadRead(db, request.params.id, session.userId, clock())
    return { unread: await unreadCount(db, session.userId) }
  })

  // ---------------------------------------------------------------- settings and consents

  app.get('/api/notification-settings', { schema: { response: replies(Settings) } }, async (request) => ({
    settings: await notificationSettings(db, requireSession(request), clock())
  }))

  app.put(
    '/api/notification-settings',
    {
      schema: {
        body: Type.Object({
          // a record is patternProperties, not additionalProperties: the server's Ajv removes additional properties
          settings: Type.Record(Type.String({ pattern: '^.+$' }), Type.Boolean(), { maxProperties: 50, propertyNames: { maxLength: 60 } })
        }),
        response: replies(Settings)
      }
    },
    async (request) => ({ settings: await saveNotificationSettings(db, requireSession(request), request.body.settings, clock()) })
  )

  /** The templates to ask consent for (wx/my.requestSubscribeMessage) and what the person has given. */
  app.get(
    '/api/push/templates',
    { schema: { querystring: Type.Object({ platform: PlatformSchema }), response: replies(Templates) } },
    async (request) => pushTemplates(db, config, requireSession(request).userId, request.query.platform)
  )

  /** The result of one requestSubscribeMessage call: { platform, results: { [templateId]: 'accept' | 'reject' | … } }. */
  app.post(
    '/api/push/consents',
    {
      schema: {
        body: Type.Object({
          platform: PlatformSchema,
          results: Type.Record(Type.String({ pattern: '^.+$' }), Type.Enum(CONSENT_ANSWERS), {
            minProperties: 1,
            maxProperties: 10,
            propertyNames: { minLength: 1, maxLength: 128 }
          })
        }),
        response: replies(Templates)
      }
    },
    async (request) => {
      const { userId } = requireSession(request)
      await hit(db, `push-consent:user:${userId}`, config.userLimits.pushConsents, clock())
      return recordConsents(db, config, userId, request.body.platform, request.body.results, clock())
    }
  )

  // ---------------------------------------------------------------- the bureau: reminders follow the deadline

  const bureauCampaign = async (request: FastifyRequest, id: string) => {
    const session = requireSession(request, 'bureau')
    await campaignFor(db, session as Reviewer, id)
    return session
  }

  app.get('/api/campaigns/:id/reminders', { schema: { params: CampaignIdParams, response: replies(Schedule) } }, async (request) => {
    await bureauCampaign(request, request.params.id)
    return reminderSchedule(db, request.params.id, clock())
  })

  app.put(
    '/api/campaigns/:id/deadlines',
    {
      schema: {
        params: CampaignIdParams,
        body: Type.Object(
          { enterprise: Type.Optional(Day), recommender: Type.Optional(Day), reason: Type.Optional(Type.String({ maxLength: 500 })) },
          { minProperties: 1 }
        ),
        response: replies(Schedule)
      }
    },
    async (request) => {
      const session = await bureauCampaign(request, request.params.id)
      return moveDeadline(db, request.params.id, request.body, session, clock())
    }
  )
}
