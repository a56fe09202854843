/** The bureau's campaign studio under /api/studio: the bureau role here, the campaign's issuers in server/studio.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { StudioCampaign, StudioStart, StudioSummary } from '../../types/studio'
import type { Deps } from '../deps'
import { Described, replies } from '../schemas/common'
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

const params = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' }) })

/**
 * How a new campaign starts (types/studio.ts StudioStart): blank, a copy of one, or pasted
 * JSON. One object, not a union nor if/then: the server's Ajv removes every property that
 * any subschema's `properties` does not name, so those would lose campaignId or definition.
 */
const StartSchema = Type.Object({
  from: Type.Enum(['blank', 'copy', 'json']),
  campaignId: Type.Optional(Type.String({ maxLength: 100 })),
  definition: Type.Optional(Type.Unknown())
})

const Campaign = replies(Described<StudioCampaign>())

export const studioRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock } = deps
  const bureau = (request: FastifyRequest) => requireSession(request, 'bureau') as Bureau

  app.get('/api/studio/campaigns', { schema: { response: replies(Type.Object({ campaigns: Described<StudioSummary[]>() })) } }, async (request) => ({
    campaigns: await listStudio(db, bureau(request))
  }))

  app.post('/api/studio/campaigns', { schema: { body: StartSchema, response: replies(Described<StudioCampaign>(), 201) } }, async (request, reply) => {
    reply.code(201)
    return createStudio(db, bureau(request), request.body as StudioStart, clock()) // a copy without campaignId finds no campaign (404)
  })

  app.get('/api/studio/campaigns/:id', { schema: { params, response: Campaign } }, async (request) => getStudio(db, bureau(request), request.params.id))

  app.put(
    '/api/studio/campaigns/:id/draft',
    { schema: { params, body: Type.Object({ definition: Type.Unknown() }), response: Campaign } },
    async (request) => saveStudioDraft(db, bureau(request), request.params.id, request.body.definition, clock())
  )

  app.delete('/api/studio/campaigns/:id/draft', { schema: { params, response: Campaign } }, async (request) =>
    discardStudioDraft(db, bureau(request), request.params.id, clock())
  )

  app.post('/api/studio/campaigns/:id/publish', { schema: { params, response: Campaign } }, async (request) =>
    publishStudio(db, bureau(request), request.params.id, clock())
  )

  app.post('/api/studio/campaigns/:id/unpublish', { schema: { params, response: Campaign } }, async (request) =>
    unpublishStudio(db, bureau(request), request.params.id, clock())
  )

  app.post(
    '/api/studio/campaigns/:id/close',
    { schema: { params, body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }), response: Campaign } },
    async (request) => closeStudio(db, bureau(request), request.params.id, request.body?.reason ?? '', clock())
  )
}
