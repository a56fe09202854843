/**
 * Routes of the recommending units (推荐单位) and the bureau under /api/recommend (the
 * enterprise's status page is in routes/demands.ts). Every route checks the role here and the record's scope in
 * server/recommend.ts (a record outside it answers 404).
 */
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { DemandStatus } from '../../types/domain'
import type { RecommendInput } from '../../types/recommend'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { receiveUpload, sendAttachment } from '../files'
import { hit } from '../rate-limit'
import {
  INBOX_SORTS,
  REASON_MAX,
  bureauOverview,
  getRanking,
  getReviewDemand,
  openForReview,
  listInbox,
  listReviewCampaigns,
  notRecommendDemand,
  recommendDemand,
  recommenderUploadField,
  recordOutcome,
  rerank,
  returnDemand,
  reviewAttachment,
  setDeliverables,
  setKeyMark,
  similarDemands,
  storeRecommenderFile,
  type Reviewer
} from '../recommend'
import { XLSX_TYPE, planExport, writeSummary } from '../summary-export'
import { idParams, requireSession, UUID } from './guards'

const CAMPAIGN_ID = '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$'
const STATUSES: DemandStatus[] = ['submitted', 'reviewing', 'returned', 'recommended', 'not_recommended', 'selected', 'not_selected']

const campaignParams = {
  type: 'object',
  required: ['campaignId'],
  properties: { campaignId: { type: 'string', pattern: CAMPAIGN_ID } }
} as const
const unitQuery = {
  type: 'object',
  properties: { unit: { type: 'string', pattern: CAMPAIGN_ID } }
} as const
const reasonBody = (required: boolean) =>
  ({
    type: 'object',
    ...(required ? { required: ['reason'] } : {}),
    properties: { reason: { type: 'string', maxLength: REASON_MAX * 2 } }
  }) as const

type Role = 'recommender' | 'bureau'

/** The signed-in recommender or bureau account (one of `roles`), with the unit it acts for. */
function reviewer(request: FastifyRequest, roles: Role[] = ['recommender', 'bureau']): Reviewer {
  const session = requireSession(request)
  if (!roles.includes(session.role as Role)) throw new AppError(403, 'FORBIDDEN', '当前账号无权进行此操作')
  if (!session.recommenderUnit) throw new AppError(403, 'NO_UNIT', '当前账号未关联推荐单位或主管部门，请联系管理员')
  return session as Reviewer
}

export const recommendRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock, config } = deps

  /** Campaigns where the unit recommends (the bureau: that it issued), with counts and days left. */
  app.get('/api/recommend/campaigns', async (request) => ({ campaigns: await listReviewCampaigns(db, reviewer(request), clock()) }))

  app.get<{
    Params: { campaignId: string }
    Querystring: { status?: DemandStatus; domain?: string; direction?: string; q?: string; unit?: string; sort?: keyof typeof INBOX_SORTS; page?: string; pageSize?: string }
  }>(
    '/api/recommend/campaigns/:campaignId/demands',
    {
      schema: {
        params: campaignParams,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: STATUSES },
            domain: { type: 'string', maxLength: 100 },
            direction: { type: 'string', maxLength: 100 },
            q: { type: 'string', maxLength: 100 },
            unit: { type: 'string', pattern: CAMPAIGN_ID },
            sort: { type: 'string', enum: Object.keys(INBOX_SORTS) },
            page: { type: 'string', pattern: '^[1-9][0-9]{0,4}$' },
            pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$' }
          }
        }
      }
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query
      return listInbox(db, reviewer(request), request.params.campaignId, {
        ...filters,
        page: Number(page ?? 1),
        pageSize: Number(pageSize ?? 20)
      })
    }
  )

  /** The unit's ranked list with its quota meter (the bureau: every unit's, or ?unit=). */
  app.get<{ Params: { campaignId: string }; Querystring: { unit?: string } }>(
    '/api/recommend/campaigns/:campaignId/ranking',
    { schema: { params: campaignParams, querystring: unitQuery } },
    async (request) => getRanking(db, reviewer(request), request.params.campaignId, request.query.unit, clock())
  )

  app.put<{ Params: { campaignId: string }; Body: { ids: string[] } }>(
    '/api/recommend/campaigns/:campaignId/ranking',
    {
      schema: {
        params: campaignParams,
        body: {
          type: 'object',
          required: ['ids'],
          properties: { ids: { type: 'array', maxItems: 1000, uniqueItems: true, items: { type: 'string', pattern: UUID } } }
        }
      }
    },
    async (request) => rerank(db, reviewer(request, ['recommender']), request.params.campaignId, request.body.ids, clock())
  )

  app.get<{ Params: { campaignId: string } }>(
    '/api/recommend/campaigns/:campaignId/overview',
    { schema: { params: campaignParams } },
    async (request) => bureauOverview(db, reviewer(request, ['bureau']), request.params.campaignId)
  )

  /** The summary sheet (汇总表), streamed as xlsx. */
  app.get<{ Params: { campaignId: string }; Querystring: { unit?: string } }>(
    '/api/recommend/campaigns/:campaignId/export',
    { schema: { params: campaignParams, querystring: unitQuery } },
    async (request, reply) => {
      const plan = await planExport(db, reviewer(request), request.params.campaignId, request.query.unit)
      const out = new PassThrough()
      writeSummary(db, plan, out).catch((err) => {
        request.log.error({ err }, 'summary export failed')
        out.destroy(err)
      })
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(plan.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(out)
    }
  )

  /** The latest submitted version, as it is. */
  app.get<{ Params: { id: string } }>('/api/recommend/demands/:id', { schema: { params: idParams } }, async (request) =>
    getReviewDemand(db, reviewer(request), request.params.id, clock())
  )

  /** The reviewer opens it: the unit's first opening marks it 审核中. */
  app.post<{ Params: { id: string } }>('/api/recommend/demands/:id/open', { schema: { params: idParams } }, async (request) =>
    openForReview(db, reviewer(request), request.params.id, clock())
  )

  /** A file of the submitted version, downloaded (H5) or opened (mini-programs) by the reviewer. */
  app.get<{ Params: { id: string; attachmentId: string } }>(
    '/api/recommend/demands/:id/attachments/:attachmentId',
    {
      schema: {
        params: { type: 'object', required: ['id', 'attachmentId'], properties: { id: { type: 'string', pattern: UUID }, attachmentId: { type: 'string', pattern: UUID } } }
      }
    },
    async (request, reply) => sendAttachment(reply, await reviewAttachment(db, reviewer(request), request.params.id, request.params.attachmentId))
  )

  app.get<{ Params: { id: string } }>('/api/recommend/demands/:id/similar', { schema: { params: idParams } }, async (request) => ({
    similar: await similarDemands(db, reviewer(request), request.params.id)
  }))

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/recommend/demands/:id/return',
    { schema: { params: idParams, body: reasonBody(true) } },
    async (request) => returnDemand(db, reviewer(request, ['recommender']), request.params.id, request.body.reason, clock())
  )

  /**
   * Recommends, with the unit's answers to the campaign's recommender fields and sign-off
   * opinions (`signoff:<id>`), and the 重点推荐 mark. Without a body: no answers, no mark.
   */
  app.post<{ Params: { id: string }; Body: RecommendInput | undefined }>(
    '/api/recommend/demands/:id/recommend',
    {
      schema: {
        params: idParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { answers: { type: 'object', maxProperties: 100 }, keyRecommended: { type: 'boolean' } }
        }
      }
    },
    async (request) => recommendDemand(db, reviewer(request, ['recommender']), request.params.id, clock(), request.body ?? {})
  )

  /** Sets or clears the 重点推荐 mark of a recommended demand. */
  app.put<{ Params: { id: string }; Body: { keyRecommended: boolean } }>(
    '/api/recommend/demands/:id/key-mark',
    {
      schema: {
        params: idParams,
        body: { type: 'object', required: ['keyRecommended'], additionalProperties: false, properties: { keyRecommended: { type: 'boolean' } } }
      }
    },
    async (request) => setKeyMark(db, reviewer(request, ['recommender']), request.params.id, request.body.keyRecommended, clock())
  )

  /** The offline deliverables (paper copies, stamped originals) the unit has received for the demand: the whole list. */
  app.put<{ Params: { id: string }; Body: { received: string[] } }>(
    '/api/recommend/demands/:id/deliverables',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['received'],
          additionalProperties: false,
          properties: { received: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', maxLength: 100 } } }
        }
      }
    },
    async (request) => setDeliverables(db, reviewer(request, ['recommender']), request.params.id, request.body.received, clock())
  )

  /**
   * Uploads one file for a recommender attachments field (a stamped 推荐表): checked exactly
   * as the enterprise's uploads are (server/files.ts: content sniffing, size, zip structure),
   * stored as the unit's; the reply is the reference to put into the recommend's answers.
   */
  app.post<{ Params: { id: string }; Querystring: { field: string } }>(
    '/api/recommend/demands/:id/attachments',
    {
      schema: {
        params: idParams,
        querystring: { type: 'object', required: ['field'], properties: { field: { type: 'string', maxLength: 100 } } }
      }
    },
    async (request, reply) => {
      const viewer = reviewer(request, ['recommender'])
      await hit(db, `upload:user:${viewer.userId}`, config.userLimits.uploads, clock())
      const field = await recommenderUploadField(db, viewer, request.params.id, request.query.field, clock())
      const file = await receiveUpload(request, field)
      return reply.status(201).send(await storeRecommenderFile(db, viewer, request.params.id, field, file, config.uploadMaxBytesPerDemand, clock()))
    }
  )

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/recommend/demands/:id/not-recommend',
    { schema: { params: idParams, body: reasonBody(true) } },
    async (request) => notRecommendDemand(db, reviewer(request, ['recommender']), request.params.id, request.body.reason, clock())
  )

  /** The bureau's outcome: 入选 (selected: true) or 未入选. */
  app.post<{ Params: { id: string }; Body: { selected: boolean; reason?: string } }>(
    '/api/recommend/demands/:id/outcome',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['selected'],
          properties: { selected: { type: 'boolean' }, reason: { type: 'string', maxLength: REASON_MAX * 2 } }
        }
      }
    },
    async (request) =>
      recordOutcome(db, reviewer(request, ['bureau']), request.params.id, request.body.selected, request.body.reason ?? '', clock())
  )
}
