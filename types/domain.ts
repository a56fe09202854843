/** Domain types shared by the app and the server. No I/O here. */
import type { CampaignDefinition } from './campaign'

export const UNIT_TYPE_LABELS = {
  large_enterprise: '大企业集团或头部企业',
  enterprise: '企业',
  new_rd_institution: '新型研发机构（含省级创新平台）',
  university: '高等学校',
  research_institute: '科研院所',
  public_institution: '其他事业单位'
}
export type UnitType = keyof typeof UNIT_TYPE_LABELS
/** The global unit types, in the order the profile offers them. */
export const UNIT_TYPES = Object.keys(UNIT_TYPE_LABELS) as readonly UnitType[]

export const ROLE_LABELS = { enterprise: '需求单位', recommender: '推荐单位', bureau: '科技主管部门' }
export type Role = keyof typeof ROLE_LABELS
export const ROLES = Object.keys(ROLE_LABELS) as readonly Role[]

export interface User {
  id: string
  role: Role
  displayName: string
  /** Set for recommender accounts: the recommending unit (推荐单位) they act for. */
  recommenderUnit: string | null
}

/** The enterprise profile, filled from sign-in where the provider gives it. */
export interface Profile {
  enterpriseName: string
  creditCode: string
  contactName: string
  mobile: string
  unitType: UnitType | ''
}

export interface Me {
  user: User
  profile: Profile
  /** True when a field the wizard needs is still empty. */
  profileIncomplete: boolean
  /** 关怀模式 as the account last chose it; null when it never chose (the device's choice stands). */
  careMode: boolean | null
  /** Echoed for H5 clients that send it back as X-CSRF-Token. */
  csrfToken?: string
}

export const CAMPAIGN_STATUS_LABELS = { upcoming: '未开始', open: '征集中', closed: '已截止' }
export type CampaignStatus = keyof typeof CAMPAIGN_STATUS_LABELS
export const CAMPAIGN_STATUSES = Object.keys(CAMPAIGN_STATUS_LABELS) as readonly CampaignStatus[]

/** A campaign as the list shows it; instants are ISO strings computed by the server. */
export interface CampaignSummary {
  id: string
  title: string
  issuer: string
  tagline: string
  isDemo: boolean
  status: CampaignStatus
  opensAt: string | null
  enterpriseDeadlineAt: string
  recommenderDeadlineAt: string
}

export interface CampaignDetail extends CampaignSummary {
  definition: CampaignDefinition
}

export interface ServerTime {
  /** Server clock, milliseconds since the epoch. */
  now: number
  timezone: string
}

/** Every error the server sends: a stable code for programs, Chinese for people. */
export interface ApiError {
  code: string
  message: string
  field?: string
  fields?: FieldError[]
}

export interface FieldError {
  field: string
  code: string
  message: string
}

export type Platform = 'weapp' | 'alipay'

/** Where a demand stands, and how it reads. Transitions live in the status machine (server-enforced). */
export const DEMAND_STATUS_LABELS = {
  draft: '草稿',
  submitted: '已提交',
  reviewing: '推荐单位审核中',
  returned: '已退回修改',
  recommended: '已推荐',
  not_recommended: '未推荐',
  selected: '入选',
  not_selected: '未入选'
}
export type DemandStatus = keyof typeof DEMAND_STATUS_LABELS
/** Every status, in the order of a demand's life. */
export const DEMAND_STATUSES = Object.keys(DEMAND_STATUS_LABELS) as readonly DemandStatus[]

/** A demand as its owner sees it: the working copy plus where its submissions stand. */
export interface Demand {
  id: string
  campaignId: string
  campaignTitle: string
  title: string
  status: DemandStatus
  answers: Record<string, unknown>
  /** Version of the working copy; every save must name the version it was based on. */
  version: number
  currentStep: string
  /** Number of the latest submitted version, null before the first submission. */
  submittedVersion: number | null
  submittedAt: string | null
  /** The working copy differs from the latest submission (a revision not yet resubmitted). */
  hasUnsubmittedChanges: boolean
  updatedAt: string
  enterpriseDeadlineAt: string
  /** After the enterprise deadline (or once decided) nothing can be changed. */
  readOnly: boolean
}

export interface DemandListItem {
  id: string
  campaignId: string
  campaignTitle: string
  title: string
  status: DemandStatus
  submittedVersion: number | null
  updatedAt: string
}

export interface SaveResult {
  version: number
  savedAt: string
}

export interface DemandVersionSummary {
  number: number
  title: string
  submittedAt: string
}

export interface DemandVersion extends DemandVersionSummary {
  answers: Record<string, unknown>
  profile: Profile
}
