/** The bureau's campaign studio under /api/studio: the bureau role here, the campaign's issuers in server/studio.ts. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { StudioStart } from '../../types/studio'
import type { Deps } from '../deps'
import {
  closeStudio,
  createStudio,
  discardStudioDraft,
  getStudio,
  listStudio,
  publishStudio,
  saveStudioDraft,
  unpublishStudio,
  type Bureau
} from '../studio'
import { requireSession } from './guards'

const params = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,99}$' } }
} as const

const startSchema = {
  type: 'object',
  required: ['from'],
  properties: {
    from: { type: 'string', enum: ['blank', 'copy', 'json'] },
    campaignId: { type: 'string', maxLength: 100 },
    definition: {}
  }
} as const

export const studioRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock } = deps
  const bureau = (request: FastifyRequest) => requireSession(request, 'bureau') as Bureau
  type ById = { Params: { id: string } }

  app.get('/api/studio/campaigns', async (request) => ({ campaigns: await listStudio(db, bureau(request)) }))

  app.post<{ Body: StudioStart }>('/api/studio/campaigns', { schema: { body: startSchema } }, async (request, reply) => {
    reply.code(201)
    return createStudio(db, bureau(request), request.body, clock())
  })

  app.get<ById>('/api/studio/campaigns/:id', { schema: { params } }, async (request) => getStudio(db, bureau(request), request.params.id))

  app.put<ById & { Body: { definition: unknown } }>(
    '/api/studio/campaigns/:id/draft',
    { schema: { params, body: { type: 'object', required: ['definition'], properties: { definition: {} } } } },
    async (request) => saveStudioDraft(db, bureau(request), request.params.id, request.body.definition, clock())
  )

  app.delete<ById>('/api/studio/campaigns/:id/draft', { schema: { params } }, async (request) =>
    discardStudioDraft(db, bureau(request), request.params.id, clock())
  )

  app.post<ById>('/api/studio/campaigns/:id/publish', { schema: { params } }, async (request) =>
    publishStudio(db, bureau(request), request.params.id, clock())
  )

  app.post<ById>('/api/studio/campaigns/:id/unpublish', { schema: { params } }, async (request) =>
    unpublishStudio(db, bureau(request), request.params.id, clock())
  )

  app.post<ById & { Body: { reason?: string } }>(
    '/api/studio/campaigns/:id/close',
    { schema: { params, body: { type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } } } },
    async (request) => closeStudio(db, bureau(request), request.params.id, request.body?.reason ?? '', clock())
  )
}
