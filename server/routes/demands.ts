import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AnswerChange } from '../../types/engine'
import type { DemandStatusView } from '../../types/recommend'
import type { Deps } from '../deps'
import { enterpriseStatus } from '../demand-status'
import {
  createDemand,
  diffVersions,
  getDemand,
  getVersion,
  listOwnDemands,
  listVersions,
  saveDraft,
  submitDemand
} from '../demands'
import { enterpriseUploadField, ownAttachment, sendAttachment, storeEnterpriseUpload } from '../files'
import { CampaignIdParams, Described, Download, IdParams, replies, Uuid } from '../schemas/common'
import {
  CreatedDemandSchema,
  DemandListItemSchema,
  DemandSchema,
  DemandVersionSchema,
  DemandVersionSummarySchema,
  SaveResultSchema
} from '../schemas/domain'
import { requireSession } from './guards'
import { upload, UploadSchema } from './uploads'

/** Path and query values arrive as text; numbers are checked as digits, then converted. */
const VersionNumber = Type.String({ pattern: '^[1-9][0-9]{0,5}$' })

export const demandRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock } = deps
  const enterprise = (request: FastifyRequest) => requireSession(request, 'enterprise')

  /** The signed-in enterprise's own demands, newest first. */
  app.get('/api/demands', { schema: { response: replies(Type.Object({ demands: Type.Array(DemandListItemSchema) })) } }, async (request) => ({
    demands: await listOwnDemands(db, requireSession(request))
  }))

  /**
   * Starts a demand; `?fromDemandId=` copies what means the same from one of the enterprise's own
   * demands (any campaign), and the reply then carries the carry-over report (types/carry-over.ts).
   */
  app.post(
    '/api/campaigns/:id/demands',
    { schema: { params: CampaignIdParams, querystring: Type.Object({ fromDemandId: Type.Optional(Uuid) }), response: replies(CreatedDemandSchema, 201) } },
    async (request, reply) =>
      reply.status(201).send(await createDemand(db, enterprise(request), request.params.id, clock(), request.query.fromDemandId))
  )

  /** The status page: timeline, current step, what the enterprise can do now and until when. */
  app.get('/api/demands/:id/status', { schema: { params: IdParams, response: replies(Described<DemandStatusView>()) } }, async (request) =>
    enterpriseStatus(db, enterprise(request), request.params.id, clock())
  )

  app.get('/api/demands/:id', { schema: { params: IdParams, response: replies(DemandSchema) } }, async (request) =>
    getDemand(db, enterprise(request), request.params.id, clock())
  )

  app.put(
    '/api/demands/:id/draft',
    {
      schema: {
        params: IdParams,
        body: Type.Object({
          baseVersion: Type.Integer({ minimum: 1 }),
          answers: Type.Record(Type.String(), Type.Unknown(), { maxProperties: 200 }),
          currentStep: Type.String({ maxLength: 100 })
        }),
        response: replies(SaveResultSchema)
      }
    },
    async (request) => saveDraft(db, enterprise(request), request.params.id, request.body, clock())
  )

  app.post(
    '/api/demands/:id/submit',
    { schema: { params: IdParams, body: Type.Object({ baseVersion: Type.Integer({ minimum: 1 }) }), response: replies(DemandSchema) } },
    async (request) => submitDemand(db, enterprise(request), request.params.id, request.body.baseVersion, clock())
  )

  app.get(
    '/api/demands/:id/versions',
    { schema: { params: IdParams, response: replies(Type.Object({ versions: Type.Array(DemandVersionSummarySchema) })) } },
    async (request) => ({ versions: await listVersions(db, enterprise(request), request.params.id) })
  )

  app.get(
    '/api/demands/:id/versions/:number',
    { schema: { params: Type.Object({ id: Uuid, number: VersionNumber }), response: replies(DemandVersionSchema) } },
    async (request) => getVersion(db, enterprise(request), request.params.id, Number(request.params.number))
  )

  app.get(
    '/api/demands/:id/diff',
    {
      schema: {
        params: IdParams,
        querystring: Type.Object({ from: VersionNumber, to: VersionNumber }),
        response: replies(Type.Object({ from: Type.Integer(), to: Type.Integer(), changes: Described<AnswerChange[]>() }))
      }
    },
    async (request) => diffVersions(db, enterprise(request), request.params.id, Number(request.query.from), Number(request.query.to))
  )

  /**
   * Uploads one attachment for a field; the reply is the reference the wizard puts into
   * the answers. The real type is judged by content, the size by the field's limit. What is
   * stored is bounded by what is stored (not by what the draft refers to): the field's
   * `maxFiles` files, the demand's `uploadMaxBytesPerDemand` bytes, a file nothing refers to
   * making way for a new one (files.ts); and each person's uploads per 10 minutes.
   */
  app.post('/api/demands/:id/attachments', { schema: UploadSchema }, async (request, reply) =>
    reply.status(201).send(await upload(request, deps, enterprise(request), enterpriseUploadField, storeEnterpriseUpload))
  )

  app.get('/api/attachments/:id', { schema: { params: IdParams, response: replies(Download) } }, async (request, reply) =>
    sendAttachment(reply, await ownAttachment(db, enterprise(request), request.params.id))
  )
}
