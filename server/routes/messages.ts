/**
 * Messages and reminders: the message center, the thread of a demand, which reminders and
 * pushes a person gets, the subscription consents from the phone, and (for the bureau) the
 * reminder schedule of a campaign and moving its deadlines. Posting in a thread and recording
 * consents are limited per person (config.userLimits, server/rate-limit.ts).
 */
import type { FastifyPluginAsync } from 'fastify'
import type { Platform } from '../../types/domain'
import { CONSENT_ANSWERS, type ConsentAnswer } from '../../types/messages'
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
import { moveDeadline, notificationSettings, reminderSchedule, saveNotificationSettings, type DeadlineChange } from '../reminders'
import { idParams, requireSession, UUID } from './guards'

const campaignParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const
const DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const platformSchema = { type: 'string', enum: ['weapp', 'alipay'] } as const

export const messageRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock, config } = deps

  // ---------------------------------------------------------------- message center

  app.get<{ Querystring: { limit?: string; before?: string } }>(
    '/api/messages',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { limit: { type: 'string', pattern: '^([1-9]|[1-4][0-9]|50)$' }, before: { type: 'string', pattern: UUID } }
        }
      }
    },
    async (request, reply) => {
      const { userId } = requireSession(request)
      reply.header('cache-control', 'no-store')
      return listMessages(db, userId, { before: request.query.before, limit: Number(request.query.limit ?? 20) })
    }
  )

  /** For the badge on the tab bar: cheap, poll it on show. */
  app.get('/api/messages/unread-count', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return { unread: await unreadCount(db, requireSession(request).userId) }
  })

  app.post<{ Params: { id: string } }>('/api/messages/:id/read', { schema: { params: idParams } }, async (request) => ({
    unread: await markMessageRead(db, requireSession(request).userId, request.params.id, clock())
  }))

  app.post('/api/messages/read-all', async (request) => {
    await markAllMessagesRead(db, requireSession(request).userId, clock())
    return { unread: 0 }
  })

  // ---------------------------------------------------------------- the thread of a demand

  app.get<{ Params: { id: string } }>('/api/demands/:id/thread', { schema: { params: idParams } }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return getThread(db, requireSession(request), request.params.id)
  })

  app.post<{ Params: { id: string }; Body: { body: string } }>(
    '/api/demands/:id/thread',
    {
      schema: {
        params: idParams,
        // no maxLength here: an over-long message gets MESSAGE_TOO_LONG below (the body limit caps the size)
        body: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } }
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
  app.post<{ Params: { id: string } }>('/api/demands/:id/thread/read', { schema: { params: idParams } }, async (request) => {
    const session = requireSession(request)
    await threadDemand(db, session, request.params.id)
    await markThreadRead(db, request.params.id, session.userId, clock())
    return { unread: await unreadCount(db, session.userId) }
  })

  // ---------------------------------------------------------------- settings and consents

  app.get('/api/notification-settings', async (request) => ({
    settings: await notificationSettings(db, requireSession(request), clock())
  }))

  app.put<{ Body: { settings: Record<string, boolean> } }>(
    '/api/notification-settings',
    {
      schema: {
        body: {
          type: 'object',
          required: ['settings'],
          properties: {
            // patternProperties, not additionalProperties: the server's Ajv removes additional properties
            settings: { type: 'object', maxProperties: 50, propertyNames: { maxLength: 60 }, patternProperties: { '^.+$': { type: 'boolean' } } }
          }
        }
      }
    },
    async (request) => ({ settings: await saveNotificationSettings(db, requireSession(request), request.body.settings, clock()) })
  )

  /** The templates to ask consent for (wx/my.requestSubscribeMessage) and what the person has given. */
  app.get<{ Querystring: { platform: Platform } }>(
    '/api/push/templates',
    { schema: { querystring: { type: 'object', required: ['platform'], properties: { platform: platformSchema } } } },
    async (request) => pushTemplates(db, config, requireSession(request).userId, request.query.platform)
  )

  /** The result of one requestSubscribeMessage call: { platform, results: { [templateId]: 'accept' | 'reject' | … } }. */
  app.post<{ Body: { platform: Platform; results: Record<string, ConsentAnswer> } }>(
    '/api/push/consents',
    {
      schema: {
        body: {
          type: 'object',
          required: ['platform', 'results'],
          properties: {
            platform: platformSchema,
            results: {
              type: 'object',
              minProperties: 1,
              maxProperties: 10,
              propertyNames: { minLength: 1, maxLength: 128 },
              patternProperties: { '^.+$': { type: 'string', enum: [...CONSENT_ANSWERS] } }
            }
          }
        }
      }
    },
    async (request) => {
      const { userId } = requireSession(request)
      await hit(db, `push-consent:user:${userId}`, config.userLimits.pushConsents, clock())
      return recordConsents(db, config, userId, request.body.platform, request.body.results, clock())
    }
  )

  // ---------------------------------------------------------------- the bureau: reminders follow the deadline

  const bureauCampaign = async (request: Parameters<typeof requireSession>[0], id: string) => {
    const session = requireSession(request, 'bureau')
    await campaignFor(db, session as Reviewer, id)
    return session
  }

  app.get<{ Params: { id: string } }>('/api/campaigns/:id/reminders', { schema: { params: campaignParams } }, async (request) => {
    await bureauCampaign(request, request.params.id)
    return reminderSchedule(db, request.params.id, clock())
  })

  app.put<{ Params: { id: string }; Body: DeadlineChange }>(
    '/api/campaigns/:id/deadlines',
    {
      schema: {
        params: campaignParams,
        body: {
          type: 'object',
          minProperties: 1,
          properties: {
            enterprise: { type: 'string', pattern: DAY },
            recommender: { type: 'string', pattern: DAY },
            reason: { type: 'string', maxLength: 500 }
          }
        }
      }
    },
    async (request) => {
      const session = await bureauCampaign(request, request.params.id)
      return moveDeadline(db, request.params.id, request.body, session, clock())
    }
  )
}
