/**
 * The recommending unit's and the bureau's calls to /api/recommend (server/routes/recommend.ts).
 * Every call goes through the one HTTP client; errors come out as ApiError with the
 * server's code and Chinese message (e.g. QUOTA_EXCEEDED, RANKING_STALE, DEADLINE_PASSED).
 */
import type { DemandStatus } from '../../../types/domain'
import type { BureauOverview, InboxPage, InboxSort, Ranking, RecommendInput, ReviewCampaign, ReviewDemand, SimilarDemand } from '../../../types/recommend'
import { syncClock } from '../../services/clock'
import { http } from '../../services/http'
import { cachedGet, invalidate } from '../../services/query'

const enc = encodeURIComponent

/**
 * A reviewer's action on one demand (`/api/recommend/demands/:id/<action>`): the demand as the
 * reviewer now sees it. Every list, ranking and overview may have changed: they are asked again.
 */
async function act(method: 'post' | 'put', id: string, action: string, body: object): Promise<ReviewDemand> {
  const { data } = await http[method]<ReviewDemand>(`/api/recommend/demands/${enc(id)}/${action}`, body)
  invalidate('/api/recommend/')
  return data
}

/** The campaigns where the unit recommends (the bureau: that it issued), with counts. */
export async function getReviewCampaigns(): Promise<ReviewCampaign[]> {
  const [data] = await Promise.all([cachedGet<{ campaigns: ReviewCampaign[] }>('/api/recommend/campaigns'), syncClock().catch(() => undefined)])
  return data.campaigns
}

export interface InboxFilters {
  status?: DemandStatus
  domain?: string
  q?: string
  /** Bureau only: one unit's demands. */
  unit?: string
  /** The order (server/recommend.ts INBOX_SORTS); newest first when absent. */
  sort?: InboxSort
}

export const INBOX_PAGE_SIZE = 20

export async function getInbox(campaignId: string, filters: InboxFilters, page: number, pageSize = INBOX_PAGE_SIZE): Promise<InboxPage> {
  const params: Record<string, string> = { page: String(page), pageSize: String(pageSize) }
  if (filters.status) params.status = filters.status
  if (filters.domain) params.domain = filters.domain
  if (filters.unit) params.unit = filters.unit
  if (filters.sort) params.sort = filters.sort
  const q = filters.q?.trim()
  if (q) params.q = q.slice(0, 100)
  return cachedGet<InboxPage>(`/api/recommend/campaigns/${enc(campaignId)}/demands`, params)
}

/** Opens the latest submitted version for review: the unit's first opening marks it 审核中 on the server. */
export function openReviewDemand(id: string): Promise<ReviewDemand> {
  return act('post', id, 'open', {})
}

export async function getSimilar(id: string): Promise<SimilarDemand[]> {
  return (await cachedGet<{ similar: SimilarDemand[] }>(`/api/recommend/demands/${enc(id)}/similar`)).similar
}

export function returnDemand(id: string, reason: string): Promise<ReviewDemand> {
  return act('post', id, 'return', { reason })
}

/** Recommends, with the unit's answers (recommenders.fields, sign-off opinions) and the 重点推荐 mark. */
export function recommendDemand(id: string, input: RecommendInput = {}): Promise<ReviewDemand> {
  return act('post', id, 'recommend', input)
}

/** Sets or clears the 重点推荐 mark of a recommended demand. */
export function setKeyMark(id: string, keyRecommended: boolean): Promise<ReviewDemand> {
  return act('put', id, 'key-mark', { keyRecommended })
}

/** The deliverables the unit has received for the demand (the whole list). */
export function setDeliverables(id: string, received: string[]): Promise<ReviewDemand> {
  return act('put', id, 'deliverables', { received })
}

/** Where the unit uploads a file for one of its attachments fields (absolute, for the platforms' uploaders). */
export function recommenderUploadUrl(demandId: string, fieldId: string): string {
  return `${http.defaults.baseURL ?? ''}/api/recommend/demands/${enc(demandId)}/attachments?field=${enc(fieldId)}`
}

export function notRecommendDemand(id: string, reason: string): Promise<ReviewDemand> {
  return act('post', id, 'not-recommend', { reason })
}

/** The bureau's outcome: 入选 (selected) or 未入选. */
export function recordOutcome(id: string, selected: boolean, reason: string): Promise<ReviewDemand> {
  return act('post', id, 'outcome', reason.trim() ? { selected, reason } : { selected })
}

/** The unit's ranked list with its quota meter (the bureau: every unit's, or one). */
export async function getRanking(campaignId: string, unit?: string): Promise<Ranking> {
  return cachedGet<Ranking>(`/api/recommend/campaigns/${enc(campaignId)}/ranking`, unit ? { unit } : {})
}

/** Saves the order: every recommended demand of the unit, once, first = rank 1. */
export async function saveRanking(campaignId: string, ids: string[]): Promise<Ranking> {
  const { data } = await http.put<Ranking>(`/api/recommend/campaigns/${enc(campaignId)}/ranking`, { ids })
  invalidate('/api/recommend/')
  return data
}

export function getOverview(campaignId: string): Promise<BureauOverview> {
  return cachedGet<BureauOverview>(`/api/recommend/campaigns/${enc(campaignId)}/overview`)
}

/** The export route (relative to the API base). */
export function exportPath(campaignId: string, unit?: string): string {
  return `/api/recommend/campaigns/${enc(campaignId)}/export${unit ? `?unit=${enc(unit)}` : ''}`
}

/** A file of a demand's submitted version (relative to the API base). */
export function attachmentPath(demandId: string, attachmentId: string): string {
  return `/api/recommend/demands/${enc(demandId)}/attachments/${enc(attachmentId)}`
}

