import crypto from 'node:crypto'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { AttachmentsField } from '../../types/campaign'
import type { AttachmentRef } from '../../types/engine'
import { allFields } from '../../types/validate-definition'
import type { Deps } from '../deps'
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
import {
  attachmentName,
  extensionOf,
  fileTooLarge,
  sendAttachment,
  sniffFileType,
  storeAttachment,
  tooManyFiles,
  type StoredAttachment
} from '../files'
import { hit } from '../rate-limit'
import { idParams, requireSession, UUID } from './guards'

/** Path and query values arrive as text; numbers are checked as digits, then converted. */
const VERSION_NUMBER = { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } as const

/** Room for the multipart boundaries, part headers and the `name` field around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024

const readOnly = () => new AppError(403, 'DEADLINE_PASSED', '需求已不能修改，不能再上传附件')

/**
 * The one file of an upload and the name it goes by: the form field `name` when sent (the
 * mini-programs name the file part after a temporary path and send the real name there),
 * else the file part's own file name. Memory holds at most the field's limit: a declared
 * length over it is refused before the body is read, a longer stream is cut off at the limit.
 */
async function readUpload(request: FastifyRequest, maxSizeMB: number): Promise<{ content: Buffer; name: string }> {
  const maxBytes = maxSizeMB * 1024 * 1024
  if (Number(request.headers['content-length']) > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxSizeMB)
  let content: Buffer | null = null
  let fileName = ''
  let nameField: string | null = null
  try {
    for await (const part of request.parts({ preservePath: true, limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 4096 } })) {
      if (part.type === 'file') {
        content = await part.toBuffer()
        fileName = part.filename
      } else if (part.fieldname === 'name') {
        if (part.valueTruncated) throw badRequest('FILE_NAME_TOO_LONG', '文件名过长，请缩短后重新上传')
        nameField = String(part.value)
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxSizeMB)
    if (code === 'FST_FILES_LIMIT') throw badRequest('ONE_FILE_PER_UPLOAD', '一次只能上传一个文件')
    throw new AppError(400, 'UPLOAD_MALFORMED', '上传的内容不完整或格式不正确，请重新上传', undefined, err)
  }
  if (!content) throw badRequest('NO_FILE', '请选择要上传的文件')
  return { content, name: nameField ?? fileName }
}

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
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以表单文件方式上传')

      const upload = await readUpload(request, spec.maxSizeMB)
      if (upload.content.length === 0) throw badRequest('EMPTY_FILE', '文件是空的，请重新选择')
      const name = attachmentName(upload.name)
      const content = upload.content
      const declared = extensionOf(name)
      const type = await sniffFileType(content, declared)
      const accepted = spec.accept.map((t) => '.' + t).join(' ')
      if (!type && declared && spec.accept.includes(declared)) {
        throw badRequest('FILE_TYPE_MISMATCH', `文件扩展名是.${declared}，但内容不是${declared.toUpperCase()}文件，请检查后重新上传`)
      }
      if (!type || !spec.accept.includes(type)) {
        throw badRequest('FILE_TYPE_REJECTED', `只能上传以下类型的文件：${accepted}`)
      }
      if (declared !== type) throw badRequest('FILE_TYPE_MISMATCH', `文件内容是${type.toUpperCase()}，与扩展名不符，请检查后重新上传`)

      const sha256 = crypto.createHash('sha256').update(content).digest('hex')
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
