import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { ATTACHMENT_MIME_TYPES, type AttachmentType, type AttachmentsField } from '../../types/campaign'
import type { AttachmentRef } from '../../types/engine'
import { allFields } from '../../types/validate-definition'
import type { Deps } from '../app'
import { cachedDefinition } from '../campaigns'
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
import { extensionOf, safeFileName, sniffFileType } from '../files'
import { requireSession } from './guards'

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
/** Path and query values arrive as text; numbers are checked as digits, then converted. */
const VERSION_NUMBER = { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } as const
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: UUID } }
} as const

export const demandRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock } = deps
  const enterprise = (request: Parameters<typeof requireSession>[0]) => requireSession(request, 'enterprise')

  /** The signed-in enterprise's own demands, newest first. */
  app.get('/api/demands', async (request) => ({ demands: await listOwnDemands(db, requireSession(request)) }))

  app.post<{ Params: { id: string } }>(
    '/api/campaigns/:id/demands',
    { schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => reply.status(201).send(await createDemand(db, enterprise(request), request.params.id, clock()))
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
   * the answers. The real type is judged by content, the size by the field's limit.
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
      const demand = await getDemand(db, session, request.params.id, clock())
      if (demand.readOnly) throw new AppError(403, 'DEADLINE_PASSED', '需求已不能修改，不能再上传附件')
      const def = await cachedDefinition(db, demand.campaignId)
      const field = allFields(def!).find((f) => f.id === request.query.field)
      if (!field || field.kind !== 'attachments') throw badRequest('UNKNOWN_FIELD', '该填报项不接受附件')
      const spec = field as AttachmentsField
      const existing = Array.isArray(demand.answers[spec.id]) ? (demand.answers[spec.id] as unknown[]).length : 0
      if (existing >= spec.maxFiles) throw new AppError(409, 'TOO_MANY_FILES', `“${spec.label}”最多上传${spec.maxFiles}个文件`)
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以表单文件方式上传')

      const maxBytes = spec.maxSizeMB * 1024 * 1024
      const file = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })
      if (!file) throw badRequest('NO_FILE', '请选择要上传的文件')
      let content: Buffer
      try {
        content = await file.toBuffer()
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError(413, 'FILE_TOO_LARGE', `文件不能超过${spec.maxSizeMB}MB`)
        }
        throw err
      }
      if (content.length === 0) throw badRequest('EMPTY_FILE', '文件是空的，请重新选择')
      const name = safeFileName(file.filename)
      const declared = extensionOf(name)
      const type = sniffFileType(content, declared)
      const accepted = spec.accept.map((t) => '.' + t).join(' ')
      if (!type || !spec.accept.includes(type)) {
        throw badRequest('FILE_TYPE_REJECTED', `只能上传以下类型的文件：${accepted}`)
      }
      if (declared !== type) throw badRequest('FILE_TYPE_MISMATCH', `文件内容是${type.toUpperCase()}，与扩展名不符，请检查后重新上传`)

      const sha256 = crypto.createHash('sha256').update(content).digest('hex')
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO attachments (demand_id, owner_id, field_id, name, type, size, sha256, content, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [demand.id, session.userId, spec.id, name, type, content.length, sha256, content, new Date(clock())]
      )
      await db.query(
        `INSERT INTO audit_log (actor_id, demand_id, action, detail, at) VALUES ($1, $2, 'upload_attachment', $3, $4)`,
        [session.userId, demand.id, JSON.stringify({ attachment: row.id, name, sha256 }), new Date(clock())]
      )
      const ref: AttachmentRef = { id: row.id, name, size: content.length, type, sha256 }
      return reply.status(201).send(ref)
    }
  )

  app.get<{ Params: { id: string } }>('/api/attachments/:id', { schema: { params: idParams } }, async (request, reply) => {
    const session = enterprise(request)
    const [row] = await db.query<{ name: string; type: AttachmentType; content: Buffer | Uint8Array }>(
      'SELECT name, type, content FROM attachments WHERE id = $1 AND owner_id = $2',
      [request.params.id, session.userId]
    )
    if (!row) throw notFound('附件')
    return reply
      .header('content-type', ATTACHMENT_MIME_TYPES[row.type])
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(row.content))
  })
}
