import type { FastifyPluginAsync } from 'fastify'
import type { AttachmentsField } from '../../types/campaign'
import type { AttachmentRef } from '../../types/engine'
import { allFields } from '../../types/validate-definition'
import type { Deps } from '../deps'
import { cachedDefinition } from '../campaigns'
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
import { AppError, badRequest, notFound } from '../errors'
import { receiveUpload, sendAttachment, storeAttachment, tooManyFiles, type StoredAttachment } from '../files'
import { hit } from '../rate-limit'
import { idParams, requireSession, UUID } from './guards'

/** Path and query values arrive as text; numbers are checked as digits, then converted. */
const VERSION_NUMBER = { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } as const

const readOnly = () => new AppError(403, 'DEADLINE_PASSED', '需求已不能修改，不能再上传附件')

export const demandRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock, config } = deps
  const enterprise = (request: Parameters<typeof requireSession>[0]) => requireSession(request, 'enterprise')

  /** The signed-in enterprise's own demands, newest first. */
  app.get('/api/demands', async (request) => ({ demands: await listOwnDemands(db, requireSession(request)) }))

  app.post<{ Params: { id: string } }>(
    '/api/campaigns/:id/demands',
    { schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => reply.status(201).send(await createDemand(db, enterprise(request), request.params.id, clock()))
  )

  /** The status page: timeline, current step, what the enterprise can do now and until when. */
  app.get<{ Params: { id: string } }>('/api/demands/:id/status', { schema: { params: idParams } }, async (request) =>
    enterpriseStatus(db, enterprise(request), request.params.id, clock())
  )

  app.get<{ Params: { id: string } }>('/api/demands/:id', { schema: { params: idParams } }, async (request) =>
    getDemand(db, enterprise(request), request.params.id, clock())
  )

  app.put<{ Params: { id: string }; Body: { baseVersion: number; answers: Record<string, unknown>; currentStep: string } }>(
    '/api/demands/:id/draft',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['baseVersion', 'answers', 'currentStep'],
          properties: {
            baseVersion: { type: 'integer', minimum: 1 },
            answers: { type: 'object', maxProperties: 200 },
            currentStep: { type: 'string', maxLength: 100 }
          }
        }
      }
    },
    async (request) => saveDraft(db, enterprise(request), request.params.id, request.body, clock())
  )

  app.post<{ Params: { id: string }; Body: { baseVersion: number } }>(
    '/api/demands/:id/submit',
    {
      schema: {
        params: idParams,
        body: { type: 'object', required: ['baseVersion'], properties: { baseVersion: { type: 'integer', minimum: 1 } } }
      }
    },
    async (request) => submitDemand(db, enterprise(request), request.params.id, request.body.baseVersion, clock())
  )

  app.get<{ Params: { id: string } }>('/api/demands/:id/versions', { schema: { params: idParams } }, async (request) => ({
    versions: await listVersions(db, enterprise(request), request.params.id)
  }))

  app.get<{ Params: { id: string; number: string } }>(
    '/api/demands/:id/versions/:number',
    {
      schema: {
        params: {
          type: 'object',
          required: ['id', 'number'],
          properties: { id: { type: 'string', pattern: UUID }, number: VERSION_NUMBER }
        }
      }
    },
    async (request) => getVersion(db, enterprise(request), request.params.id, Number(request.params.number))
  )

  app.get<{ Params: { id: string }; Querystring: { from: string; to: string } }>(
    '/api/demands/:id/diff',
    {
      schema: {
        params: idParams,
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: { from: VERSION_NUMBER, to: VERSION_NUMBER }
        }
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
  app.post<{ Params: { id: string }; Querystring: { field: string } }>(
    '/api/demands/:id/attachments',
    {
      schema: {
        params: idParams,
        querystring: { type: 'object', required: ['field'], properties: { field: { type: 'string', maxLength: 100 } } }
      }
    },
    async (request, reply) => {
      const session = enterprise(request)
      await hit(db, `upload:user:${session.userId}`, config.userLimits.uploads, clock())
      const demand = await getDemand(db, session, request.params.id, clock())
      if (demand.readOnly) throw readOnly()
      const def = await cachedDefinition(db, demand.campaignId)
      const field = allFields(def!).find((f) => f.id === request.query.field)
      if (!field || field.kind !== 'attachments') throw badRequest('UNKNOWN_FIELD', '该填报项不接受附件')
      const spec = field as AttachmentsField
      const target = { id: spec.id, label: spec.label, maxFiles: spec.maxFiles }
      // A draft already naming maxFiles files leaves no room whatever is stored: said before the body is read.
      if (Array.isArray(demand.answers[spec.id]) && (demand.answers[spec.id] as unknown[]).length >= spec.maxFiles) throw tooManyFiles(target)
      // Read and checked by content, size and zip structure (files.ts, shared with the recommending unit's uploads).
      const { name, type, content, sha256 } = await receiveUpload(request, spec)
      const id = await db.transaction(async (tx) => {
        // One upload at a time per demand: the files counted below stay as counted until this commits.
        const [locked] = await tx.query('SELECT id FROM demands WHERE id = $1 AND owner_id = $2 FOR UPDATE', [demand.id, session.userId])
        if (!locked) throw notFound('需求')
        if ((await getDemand(tx, session, demand.id, clock())).readOnly) throw readOnly()
        const at = new Date(clock())
        // Room by what is stored, judged under the lock (files.ts).
        const stored = await storeAttachment(
          tx,
          { demandId: demand.id, ownerId: session.userId, field: target, name, type, content, sha256 },
          config.uploadMaxBytesPerDemand,
          at
        )
        await tx.query(
          `INSERT INTO audit_log (actor_id, demand_id, action, detail, at) VALUES ($1, $2, 'upload_attachment', $3, $4)`,
          [session.userId, demand.id, JSON.stringify({ attachment: stored.id, name, sha256, replaced: stored.replaced }), at]
        )
        return stored.id
      })
      const ref: AttachmentRef = { id, name, size: content.length, type, sha256 }
      return reply.status(201).send(ref)
    }
  )

  app.get<{ Params: { id: string } }>('/api/attachments/:id', { schema: { params: idParams } }, async (request, reply) => {
    const session = enterprise(request)
    const [row] = await db.query<StoredAttachment>('SELECT name, type, content FROM attachments WHERE id = $1 AND owner_id = $2', [
      request.params.id,
      session.userId
    ])
    if (!row) throw notFound('附件')
    return sendAttachment(reply, row)
  })
}
