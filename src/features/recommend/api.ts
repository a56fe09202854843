/**
 * The recommending unit's and the bureau's calls to /api/recommend (server/routes/recommend.ts).
 * Every call goes through the one HTTP client; errors come out as ApiError with the
 * server's code and Chinese message (e.g. QUOTA_EXCEEDED, RANKING_STALE, DEADLINE_PASSED).
 */
import type { DemandStatus } from '../../../types/domain'
import type { BureauOverview, InboxPage, Ranking, RecommendInput, ReviewCampaign, ReviewDemand, SimilarDemand } from '../../../types/recommend'
import { syncClock } from '../../services/clock'
import { http } from '../../services/http'

const enc = encodeURIComponent

/** The campaigns where the unit recommends (the bureau: that it issued), with counts. */
export async function getReviewCampaigns(): Promise<ReviewCampaign[]> {
  const [{ data }] = await Promise.all([http.get<{ campaigns: ReviewCampaign[] }>('/api/recommend/campaigns'), syncClock().catch(() => undefined)])
  return data.campaigns
}

export interface InboxFilters {
  status?: DemandStatus
  domain?: string
  q?: string
  /** Bureau only: one unit's demands. */
  unit?: string
}

export const INBOX_PAGE_SIZE = 20

export async function getInbox(campaignId: string, filters: InboxFilters, page: number, pageSize = INBOX_PAGE_SIZE): Promise<InboxPage> {
  const params: Record<string, string> = { page: String(page), pageSize: String(pageSize) }
  if (filters.status) params.status = filters.status
  if (filters.domain) params.domain = filters.domain
  if (filters.unit) params.unit = filters.unit
  const q = filters.q?.trim()
  if (q) params.q = q.slice(0, 100)
  const { data } = await http.get<InboxPage>(`/api/recommend/campaigns/${enc(campaignId)}/demands`, { params })
  return data
}

/** Opens the latest submitted version for review: the unit's first opening marks it 审核中 on the server. */
export async function openReviewDemand(id: string): Promise<ReviewDemand> {
  const { data } = await http.post<ReviewDemand>(`/api/recommend/demands/${enc(id)}/open`, {})
  return data
}

export async function getSimilar(id: string): Promise<SimilarDemand[]> {
  const { data } = await http.get<{ similar: SimilarDemand[] }>(`/api/recommend/demands/${enc(id)}/similar`)
  return data.similar
}

export async function returnDemand(id: string, reason: string): Promise<ReviewDemand> {
  const { data } = await http.post<ReviewDemand>(`/api/recommend/demands/${enc(id)}/return`, { reason })
  return data
}

/** Recommends, with the unit's answers (recommenders.fields, sign-off opinions) and the 重点推荐 mark. */
export async function recommendDemand(id: string, input: RecommendInput = {}): Promise<ReviewDemand> {
  const { data } = await http.post<ReviewDemand>(`/api/recommend/demands/${enc(id)}/recommend`, input)
  return data
}

/** Sets or clears the 重点推荐 mark of a recommended demand. */
export async function setKeyMark(id: string, keyRecommended: boolean): Promise<ReviewDemand> {
  const { data } = await http.put<ReviewDemand>(`/api/recommend/demands/${enc(id)}/key-mark`, { keyRecommended })
  return data
}

/** The deliverables the unit has received for the demand (the whole list). */
export async function setDeliverables(id: string, received: string[]): Promise<ReviewDemand> {
  const { data } = await http.put<ReviewDemand>(`/api/recommend/demands/${enc(id)}/deliverables`, { received })
  return data
}

/** Where the unit uploads a file for one of its attachments fields (absolute, for the platforms' uploaders). */
export function recommenderUploadUrl(demandId: string, fieldId: string): string {
  return `${http.defaults.baseURL ?? ''}/api/recommend/demands/${enc(demandId)}/attachments?field=${enc(fieldId)}`
}

export async function notRecommendDemand(id: string, reason: string): Promise<ReviewDemand> {
  const { data } = await http.post<ReviewDemand>(`/api/recommend/demands/${enc(id)}/not-recommend`, { reason })
  return data
}

/** The bureau's outcome: 入选 (selected) or 未入选. */
export async function recordOutcome(id: string, selected: boolean, reason: string): Promise<ReviewDemand> {
  const { data } = await http.post<ReviewDemand>(`/api/recommend/demands/${enc(id)}/outcome`, reason.trim() ? { selected, reason } : { selected })
  return data
}

/** The unit's ranked list with its quota meter (the bureau: every unit's, or one). */
export async function getRanking(campaignId: string, unit?: string): Promise<Ranking> {
  const { data } = await http.get<Ranking>(`/api/recommend/campaigns/${enc(campaignId)}/ranking`, { params: unit ? { unit } : {} })
  return data
}

/** Saves the order: every recommended demand of the unit, once, first = rank 1. */
export async function saveRanking(campaignId: string, ids: string[]): Promise<Ranking> {
  const { data } = await http.put<Ranking>(`/api/recommend/campaigns/${enc(campaignId)}/ranking`, { ids })
  return data
}

export async function getOverview(campaignId: string): Promise<BureauOverview> {
  const { data } = await http.get<BureauOverview>(`/api/recommend/campaigns/${enc(campaignId)}/overview`)
  return data
}

/** The export route (relative to the API base). */
export function exportPath(campaignId: string, unit?: string): string {
  return `/api/recommend/campaigns/${enc(campaignId)}/export${unit ? `?unit=${enc(unit)}` : ''}`
}

/** A file of a demand's submitted version (relative to the API base). */
export function attachmentPath(demandId: string, attachmentId: string): string {
  return `/api/recommend/demands/${enc(demandId)}/attachments/${enc(attachmentId)}`
}

