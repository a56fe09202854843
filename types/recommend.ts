/**
 * Shapes of the recommending-unit and bureau API (/api/recommend/…) and of the enterprise's
 * status page (GET /api/demands/:id/status). Instants are ISO strings from the server clock.
 */
import { DEMAND_STATUSES, type CampaignSummary, type DemandStatus, type Profile, type Role } from './domain'
import type { NextActions, StatusAction, StatusStep } from './status'
import type { OverviewCharts } from './overview'

export interface UnitRef {
  id: string
  name: string
  /** The unit type's label, e.g. 市级行业主管部门. */
  typeLabel: string
}

export interface StatusCounts {
  /** Demands that chose the unit (every unit, for the bureau) and were submitted. */
  received: number
  /** Of those, the ones the unit has acted on: returned, recommended, not recommended, decided. */
  reviewed: number
  /** Recommended (including those the bureau has decided). */
  recommended: number
  byStatus: Partial<Record<DemandStatus, number>>
}

export interface ReviewCampaign {
  campaign: CampaignSummary
  /** The recommender's unit; null for the bureau. */
  unit: UnitRef | null
  /** The unit's quota; null when the notice sets none, and for the bureau. */
  quota: number | null
  counts: StatusCounts
  /** Whole days left to the recommender deadline (0 on its last day). */
  daysLeft: number
  /** 剩 12 天 3 小时 / 已截止 */
  countdownText: string
  /** After the recommender deadline: everything is read-only for the unit. */
  readOnly: boolean
}

export interface DomainRef {
  id: string
  label: string
  direction: string | null
}

export interface InboxItem {
  id: string
  title: string
  enterpriseName: string
  domain: DomainRef | null
  status: DemandStatus
  statusLabel: string
  rank: number | null
  unit: UnitRef
  submittedVersion: number
  submittedAt: string
  /** The quality assistant's score (0–100, types/quality.ts) of the submitted version; null when submitted before scores were kept. */
  score: number | null
}

/** The statuses the inbox can be filtered by: those of a submitted demand. */
export const INBOX_STATUSES = DEMAND_STATUSES.filter((s) => s !== 'draft')

/** The inbox's orders (server/recommend.ts INBOX_SORTS), as the sort control names them. */
export const INBOX_SORT_LABELS = {
  latest: '最新提交',
  earliest: '最早提交',
  score: '质量分',
  rank: '推荐位次'
} as const

export type InboxSort = keyof typeof INBOX_SORT_LABELS

export interface QuotaMeter {
  quota: number | null
  used: number
  /** null when there is no quota. */
  left: number | null
  /** The unit type's sub-quotas (e.g. 揭榜挂帅或创新联合体 at most 1), when it has any. */
  sub?: SubQuotaMeter[]
  /** The 重点推荐 marks set, when the campaign has the mark. */
  keyMarks?: KeyMarkMeter
}

export interface SubQuotaMeter {
  id: string
  label: string
  max: number
  /** Recommended demands that meet the sub-quota's condition. */
  used: number
}

export interface KeyMarkMeter {
  label: string
  /** null: as many as the unit likes. */
  max: number | null
  used: number
}

/** What the recommending unit gave with the demand: its answers, the mark, the deliverables it received. */
export interface RecommenderRecord {
  /** Answers to `recommenders.fields` and sign-off opinions (`signoff:<id>`), as stored with the recommendation. */
  answers: Record<string, unknown>
  keyRecommended: boolean
  /** Ids of the campaign's deliverables the unit ticked as received. */
  deliverables: string[]
}

/** The recommend action's body: the unit's answers and the 重点推荐 mark. */
export interface RecommendInput {
  answers?: Record<string, unknown>
  keyRecommended?: boolean
}

export interface InboxPage {
  items: InboxItem[]
  total: number
  /** `total` is an estimate (shown as 约 N 项): past 1,000 matches the server does not count them one by one. */
  totalEstimated: boolean
  page: number
  pageSize: number
  /** The recommender's quota meter; null for the bureau. */
  quota: QuotaMeter | null
}

export interface TimelineEntry {
  at: string
  action: StatusAction
  from: DemandStatus
  to: DemandStatus
  fromLabel: string
  toLabel: string
  actorRole: Role
  actorRoleLabel: string
  /** The actor's unit: the enterprise, the recommending unit or the bureau. */
  actorUnit: string
  reason: string | null
  rank: number | null
  version: number | null
  /** One line for people, e.g. 推荐（第3位）, 重新提交（第2版）. */
  summary: string
}

export interface ReviewDemand extends InboxItem {
  campaignId: string
  campaignTitle: string
  /** The latest submitted version, as the enterprise sent it. */
  version: {
    number: number
    title: string
    answers: Record<string, unknown>
    profile: Profile
    submittedAt: string
  }
  timeline: TimelineEntry[]
  next: NextActions
  /** The recommending unit's own record of the demand (its current unit's; empty before it acts). */
  recommendation: RecommenderRecord
}

export interface SimilarDemand {
  id: string
  title: string
  enterpriseName: string
  unit: UnitRef
  status: DemandStatus
  statusLabel: string
  /** Trigram similarity of name + content, 0…1. */
  score: number
}

export interface RankedItem {
  id: string
  rank: number
  /** Marked 重点推荐 by the unit. */
  keyRecommended: boolean
  title: string
  enterpriseName: string
  domain: DomainRef | null
  status: DemandStatus
  statusLabel: string
}

export interface RankingGroup {
  unit: UnitRef
  quota: QuotaMeter
  items: RankedItem[]
}

export interface Ranking {
  groups: RankingGroup[]
  /** The recommender deadline (ISO) and as people read it. */
  deadlineAt: string
  deadlineText: string
  /** True for the bureau, and for the unit after its deadline. */
  readOnly: boolean
}

export interface BureauOverview {
  counts: StatusCounts & { selected: number }
  byUnit: Array<{ unit: UnitRef; quota: number | null; received: number; reviewed: number; recommended: number; selected: number }>
  byField: Array<{ domain: { id: string; label: string }; received: number; recommended: number; selected: number }>
  /** The charts' data (types/overview.ts); quota use per unit is byUnit. */
  charts: OverviewCharts
}

export interface DemandStatusView {
  id: string
  campaignId: string
  campaignTitle: string
  title: string
  status: DemandStatus
  statusLabel: string
  /** Place in the unit's ranked list while recommended (also after the bureau's decision). */
  rank: number | null
  /** The unit chosen in the latest submission; null before the first. */
  unit: UnitRef | null
  steps: StatusStep[]
  timeline: TimelineEntry[]
  next: NextActions
}
