/**
 * Routes of the recommending units (推荐单位) and the bureau under /api/recommend (the
 * enterprise's status page is in routes/demands.ts). Every route checks the role here and the record's scope in
 * server/recommend.ts (a record outside it answers 404).
 */
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type, type Static, type TSchema } from 'typebox'
import { INBOX_STATUSES, type BureauOverview, type InboxPage, type Ranking, type ReviewCampaign, type ReviewDemand, type SimilarDemand } from '../../types/recommend'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { sendAttachment } from '../files'
import {
  INBOX_SORTS,
  REASON_MAX,
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
import { bureauOverview } from '../overview'
import { XLSX_TYPE, planExport, writeSummary } from '../summary-export'
import { Described, Download, IdParams, replies, Uuid } from '../schemas/common'
import { requireSession } from './guards'
import { upload, UploadSchema } from './uploads'

const Slug = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$' })
const Statuses = Type.Enum(INBOX_STATUSES)

const CampaignParams = Type.Object({ campaignId: Slug })
const UnitQuery = Type.Object({ unit: Type.Optional(Slug) })
const Reason = Type.String({ maxLength: REASON_MAX * 2 })
const ReasonBody = Type.Object({ reason: Reason })
/** The unit's answers to the recommender fields and the 重点推荐 mark; no body: neither. */
const RecommendBody = Type.Union([
  Type.Object(
    {
      answers: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 100 })),
      keyRecommended: Type.Optional(Type.Boolean())
    },
    { additionalProperties: false }
  ),
  Type.Null()
])
const KeyMarkBody = Type.Object({ keyRecommended: Type.Boolean() }, { additionalProperties: false })
const OutcomeBody = Type.Object({ selected: Type.Boolean(), reason: Type.Optional(Reason) })
const DeliverablesBody = Type.Object({ received: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50, uniqueItems: true }) }, { additionalProperties: false })
const Review = replies(Described<ReviewDemand>())
const RankingReply = replies(Described<Ranking>())

type Role = 'recommender' | 'bureau'

/** The signed-in recommender or bureau account (one of `roles`), with the unit it acts for. */
function reviewer(request: FastifyRequest, roles: Role[] = ['recommender', 'bureau']): Reviewer {
  const session = requireSession(request)
  if (!roles.includes(session.role as Role)) throw new AppError(403, 'FORBIDDEN', '当前账号无权进行此操作')
  if (!session.recommenderUnit) throw new AppError(403, 'NO_UNIT', '当前账号未关联推荐单位或主管部门，请联系管理员')
  return session as Reviewer
}

export const recommendRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock } = deps

  /** Campaigns where the unit recommends (the bureau: that it issued), with counts and days left. */
  app.get('/api/recommend/campaigns', { schema: { response: replies(Type.Object({ campaigns: Described<ReviewCampaign[]>() })) } }, async (request) => ({ campaigns: await listReviewCampaigns(db, reviewer(request), clock()) }))

  app.get(
    '/api/recommend/campaigns/:campaignId/demands',
    {
      schema: {
        params: CampaignParams,
        querystring: Type.Object({
          status: Type.Optional(Statuses),
          domain: Type.Optional(Type.String({ maxLength: 100 })),
          direction: Type.Optional(Type.String({ maxLength: 100 })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          unit: Type.Optional(Slug),
          sort: Type.Optional(Type.Enum(Object.keys(INBOX_SORTS) as Array<keyof typeof INBOX_SORTS>)),
          page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
          pageSize: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$' }))
        }),
        response: replies(Described<InboxPage>())
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
  app.get(
    '/api/recommend/campaigns/:campaignId/ranking',
    { schema: { params: CampaignParams, querystring: UnitQuery, response: RankingReply } },
    async (request) => getRanking(db, reviewer(request), request.params.campaignId, request.query.unit, clock())
  )

  app.put(
    '/api/recommend/campaigns/:campaignId/ranking',
    {
      schema: {
        params: CampaignParams,
        body: Type.Object({ ids: Type.Array(Uuid, { maxItems: 1000, uniqueItems: true }) }),
        response: RankingReply
      }
    },
    async (request) => rerank(db, reviewer(request, ['recommender']), request.params.campaignId, request.body.ids, clock())
  )

  app.get(
    '/api/recommend/campaigns/:campaignId/overview',
    { schema: { params: CampaignParams, response: replies(Described<BureauOverview>()) } },
    async (request) => bureauOverview(db, reviewer(request, ['bureau']), request.params.campaignId, clock())
  )

  /** The summary sheet (汇总表), streamed as xlsx. */
  app.get(
    '/api/recommend/campaigns/:campaignId/export',
    { schema: { params: CampaignParams, querystring: UnitQuery, response: replies(Download) } },
    async (request, reply) => {
      const plan = await planExport(db, reviewer(request), request.params.campaignId, clock(), request.query.unit)
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
  app.get('/api/recommend/demands/:id', { schema: { params: IdParams, response: Review } }, async (request) =>
    getReviewDemand(db, reviewer(request), request.params.id, clock())
  )

  /** The reviewer opens it: the unit's first opening marks it 审核中. */
  app.post('/api/recommend/demands/:id/open', { schema: { params: IdParams, response: Review } }, async (request) =>
    openForReview(db, reviewer(request), request.params.id, clock())
  )

  /** A file of the submitted version, downloaded (H5) or opened (mini-programs) by the reviewer. */
  app.get(
    '/api/recommend/demands/:id/attachments/:attachmentId',
    { schema: { params: Type.Object({ id: Uuid, attachmentId: Uuid }), response: replies(Download) } },
    async (request, reply) => sendAttachment(reply, await reviewAttachment(db, reviewer(request), request.params.id, request.params.attachmentId))
  )

  app.get('/api/recommend/demands/:id/similar', { schema: { params: IdParams, response: replies(Type.Object({ similar: Described<SimilarDemand[]>() })) } }, async (request) => ({
    similar: await similarDemands(db, reviewer(request), request.params.id)
  }))

  /**
   * A reviewer's action on one demand, `method /api/recommend/demands/:id/<action>`: its body, who
   * may take it, and the domain call; the reply is the demand as the reviewer now sees it.
   */
  function reviewAction<B extends TSchema>(
    method: 'POST' | 'PUT',
    action: string,
    body: B,
    roles: Role[],
    act: (viewer: Reviewer, id: string, body: Static<B>, now: number) => Promise<ReviewDemand>
  ) {
    app.route({
      method,
      url: `/api/recommend/demands/:id/${action}`,
      schema: { params: IdParams, body, response: Review },
      handler: async (request) => act(reviewer(request, roles), request.params.id, request.body as Static<B>, clock())
    })
  }

  reviewAction('POST', 'return', ReasonBody, ['recommender'], (viewer, id, body, now) => returnDemand(db, viewer, id, body.reason, now))
  /**
   * Recommends, with the unit's answers to the campaign's recommender fields and sign-off
   * opinions (`signoff:<id>`), and the 重点推荐 mark. Without a body: no answers, no mark.
   */
  reviewAction('POST', 'recommend', RecommendBody, ['recommender'], (viewer, id, body, now) => recommendDemand(db, viewer, id, now, body ?? {}))
  /** Sets or clears the 重点推荐 mark of a recommended demand. */
  reviewAction('PUT', 'key-mark', KeyMarkBody, ['recommender'], (viewer, id, body, now) => setKeyMark(db, viewer, id, body.keyRecommended, now))
  /** The offline deliverables (paper copies, stamped originals) the unit has received for the demand: the whole list. */
  reviewAction('PUT', 'deliverables', DeliverablesBody, ['recommender'], (viewer, id, body, now) => setDeliverables(db, viewer, id, body.received, now))
  reviewAction('POST', 'not-recommend', ReasonBody, ['recommender'], (viewer, id, body, now) => notRecommendDemand(db, viewer, id, body.reason, now))
  /** The bureau's outcome: 入选 (selected: true) or 未入选. */
  reviewAction('POST', 'outcome', OutcomeBody, ['bureau'], (viewer, id, body, now) => recordOutcome(db, viewer, id, body.selected, body.reason ?? '', now))

  /**
   * Uploads one file for a recommender attachments field (a stamped 推荐表): checked exactly
   * as the enterprise's uploads are (server/files.ts: content sniffing, size, zip structure),
   * stored as the unit's; the reply is the reference to put into the recommend's answers.
   */
  app.post('/api/recommend/demands/:id/attachments', { schema: UploadSchema }, async (request, reply) =>
    reply.status(201).send(await upload(request, deps, reviewer(request, ['recommender']), recommenderUploadField, storeRecommenderFile))
  )
}
