/**
 * The upload both sides have: the enterprise's attachments (routes/demands.ts) and the
 * recommending unit's files for its recommender fields, such as a stamped 推荐表 (routes/recommend.ts).
 */
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AttachmentsField } from '../../types/campaign'
import type { AttachmentRef } from '../../types/engine'
import type { Deps } from '../deps'
import { receiveUpload, type CheckedUpload } from '../files'
import { hit } from '../rate-limit'
import { IdParams, replies } from '../schemas/common'
import { AttachmentRefSchema } from '../schemas/domain'

/** One file for the field `?field=` of the demand `:id`; the reply (201) is the reference to put into the answers. */
export const UploadSchema = {
  params: IdParams,
  querystring: Type.Object({ field: Type.String({ maxLength: 100 }) }),
  response: replies(AttachmentRefSchema, 201)
}

/**
 * Counts the person's uploads (per 10 minutes), finds the field in the demand (`fieldOf`, which
 * also refuses a demand or a state where this person may not add a file), reads the file and
 * checks it by content, size and zip structure (files.ts), and stores it (`store`, bounded by the
 * demand's `uploadMaxBytesPerDemand` bytes).
 */
export async function upload<V extends { userId: string }>(
  request: FastifyRequest & { params: { id: string }; query: { field: string } },
  { db, clock, config }: Deps,
  viewer: V,
  fieldOf: (db: Deps['db'], viewer: V, demandId: string, fieldId: string, now: number) => Promise<AttachmentsField>,
  store: (db: Deps['db'], viewer: V, demandId: string, field: AttachmentsField, file: CheckedUpload, maxBytes: number, now: number) => Promise<AttachmentRef>
): Promise<AttachmentRef> {
  await hit(db, `upload:user:${viewer.userId}`, config.userLimits.uploads, clock())
  const field = await fieldOf(db, viewer, request.params.id, request.query.field, clock())
  const file = await receiveUpload(request, field)
  return store(db, viewer, request.params.id, field, file, config.uploadMaxBytesPerDemand, clock())
}
