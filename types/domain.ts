/** Domain types shared by the app and the server. No I/O here. */
import type { CampaignDefinition } from './campaign'

export const UNIT_TYPES = [
  'large_enterprise',
  'enterprise',
  'new_rd_institution',
  'university',
  'research_institute',
  'public_institution'
] as const
export type UnitType = (typeof UNIT_TYPES)[number]

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  large_enterprise: '大企业集团或头部企业',
  enterprise: '企业',
  new_rd_institution: '新型研发机构（含省级创新平台）',
  university: '高等学校',
  research_institute: '科研院所',
  public_institution: '其他事业单位'
}

export type Role = 'enterprise' | 'recommender' | 'bureau'

export const ROLE_LABELS: Record<Role, string> = {
  enterprise: '需求单位',
  recommender: '推荐单位',
  bureau: '科技主管部门'
}

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
  /** Echoed for H5 clients that send it back as X-CSRF-Token. */
  csrfToken?: string
}

export type CampaignStatus = 'upcoming' | 'open' | 'closed'

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  upcoming: '未开始',
  open: '征集中',
  closed: '已截止'
}

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
