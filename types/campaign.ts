/**
 * The campaign definition schema: a campaign (征集) is data, never code.
 * One JSON file per notice lives in `campaigns/`; `validateDefinition` checks it.
 */
import type { UnitType } from './domain'
import type { ReminderSettings } from './reminders'

/** Dates in a definition are calendar days (YYYY-MM-DD) in the campaign's time zone. */
export type CalendarDay = string

export const SUPPORTED_TIMEZONES = ['Asia/Shanghai'] as const
export type CampaignTimezone = (typeof SUPPORTED_TIMEZONES)[number]

export interface Option {
  value: string
  label: string
  /** One line shown under the option. */
  hint?: string
}

/** A field is shown (and validated, and submitted) only while its condition holds. */
export interface Condition {
  field: string
  /** The answer equals this value (single choice, gate, yes/no). */
  equals?: string | boolean
  /** The answer (multi choice) includes this value. */
  includes?: string
}

interface FieldBase {
  id: string
  label: string
  help?: string
  placeholder?: string
  required?: boolean
  visibleIf?: Condition
}

export interface TextField extends FieldBase {
  kind: 'text'
  maxLength: number
}
export interface TextareaField extends FieldBase {
  kind: 'textarea'
  /** Counted by code point: one Chinese character counts one. */
  maxLength: number
  minLength?: number
}
export interface SingleChoiceField extends FieldBase {
  kind: 'single'
  options: Option[]
}
export interface MultiChoiceField extends FieldBase {
  kind: 'multi'
  options: Option[]
  minItems?: number
  maxItems?: number
}
/** Field → sub-direction cascade over the campaign's `domains`. */
export interface DomainField extends FieldBase {
  kind: 'domain'
  directionRequired: boolean
}
/** Money in 万元 or another number with a unit, range and decimal places. */
export interface NumberField extends FieldBase {
  kind: 'amount' | 'number'
  unit: string
  min?: number
  max?: number
  precision: number
}
export interface DateField extends FieldBase {
  kind: 'date'
}
/** Rows of name / current value / target value / unit. */
export interface IndicatorTableField extends FieldBase {
  kind: 'indicators'
  minRows: number
  maxRows: number
}
/** Technology readiness level 1–9 (see TRL_LEVELS). */
export interface MaturityField extends FieldBase {
  kind: 'maturity'
}
/** Exactly one of the campaign's recommending units. */
export interface RecommenderField extends FieldBase {
  kind: 'recommender'
}
export interface AttachmentsField extends FieldBase {
  kind: 'attachments'
  maxFiles: number
  maxSizeMB: number
  accept: AttachmentType[]
}
/** A yes/no question that stops the wizard when answered with `stopWhen`. */
export interface GateField extends FieldBase {
  kind: 'gate'
  stopWhen: boolean
  stopMessage: string
}

export type FieldDefinition =
  | TextField
  | TextareaField
  | SingleChoiceField
  | MultiChoiceField
  | DomainField
  | NumberField
  | DateField
  | IndicatorTableField
  | MaturityField
  | RecommenderField
  | AttachmentsField
  | GateField

export type FieldKind = FieldDefinition['kind']

export const ATTACHMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] as const
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]

export const ATTACHMENT_MIME_TYPES: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png'
}

export interface StepDefinition {
  id: string
  title: string
  description?: string
  fields: FieldDefinition[]
}

export interface Domain {
  id: string
  label: string
  /** 重大专项 / 重点专项 etc. */
  group?: string
  directions: string[]
}

export interface RecommenderUnitType {
  id: string
  label: string
  /** Maximum demands a unit of this type may recommend; null when the notice sets none. */
  quota: number | null
}

export interface RecommenderUnit {
  id: string
  name: string
  type: string
}

export interface Contact {
  /** e.g. 重大专项, 系统技术咨询 */
  group: string
  /** the programme or office the person answers for */
  topic: string
  person?: string
  phone: string
}

export type ComparisonOp = '>=' | '>' | '<=' | '<'

/** A rule on an answer, checked before the enterprise fills the rest. */
export interface EligibilityRule {
  id: string
  field: string
  op: ComparisonOp
  value: number
  /** Only for these unit types; all when absent. */
  appliesTo?: UnitType[]
  message: string
}

export interface DemandLimit {
  /** Demands one enterprise may file in this campaign. */
  perEnterprise: number
  /** Overrides by the enterprise's unit type. */
  byUnitType?: Partial<Record<UnitType, number>>
  note?: string
}

export interface SummaryColumn {
  header: string
  /** `rank`, `field:<fieldId>`, `profile:<profileKey>` or `unit` */
  source: string
}

export interface CampaignDefinition {
  id: string
  title: string
  /** The bureau that publishes the notice; its accounts edit the campaign in the studio. */
  issuer: string
  /** Bureaus that issue the notice jointly (联合发布): they see and edit it as the issuer does. */
  coIssuers?: string[]
  /** What the campaign is for, in one line. */
  tagline: string
  /** The notice in brief (a few paragraphs). */
  summary: string
  /** File name of the notice in shared/notices this definition follows. */
  notice: string
  timezone: CampaignTimezone
  opensOn?: CalendarDay
  deadlines: {
    /** Last day enterprises may save and submit (inclusive). */
    enterprise: CalendarDay
    /** Last day recommending units may recommend (inclusive). */
    recommender: CalendarDay
  }
  eligibleUnitTypes: UnitType[]
  eligibility: EligibilityRule[]
  demandLimit: DemandLimit
  domains: Domain[]
  recommenders: {
    unitTypes: RecommenderUnitType[]
    units: RecommenderUnit[]
  }
  contacts: Contact[]
  steps: StepDefinition[]
  summaryColumns: SummaryColumn[]
  /** Deadline reminders; the default policy (types/reminders.ts) when absent. */
  reminders?: ReminderSettings
}

/** Whether a bureau (by its unit) issues or co-issues the campaign. */
export function issuedBy(def: Pick<CampaignDefinition, 'issuer' | 'coIssuers'>, unit: string): boolean {
  return def.issuer === unit || (def.coIssuers ?? []).includes(unit)
}

/** A unit's quota: that of its type, or null when the notice sets none. */
export function quotaOf(def: CampaignDefinition, unitId: string): number | null {
  const unit = def.recommenders.units.find((u) => u.id === unitId)
  return def.recommenders.unitTypes.find((t) => t.id === unit?.type)?.quota ?? null
}

/** Technology readiness levels, as used for 当前成熟度 / 预期成熟度. */
export const TRL_LEVELS: ReadonlyArray<{ level: number; label: string }> = [
  { level: 1, label: '发现基本原理并形成报告' },
  { level: 2, label: '形成技术概念或应用设想' },
  { level: 3, label: '关键功能与特性通过分析和实验验证' },
  { level: 4, label: '实验室环境中的部件或原理样机验证' },
  { level: 5, label: '相关环境中的部件或样机验证' },
  { level: 6, label: '相关环境中的系统或分系统样机演示' },
  { level: 7, label: '实际使用环境中的系统样机演示' },
  { level: 8, label: '实际系统完成并通过试验验证' },
  { level: 9, label: '实际系统通过使用任务的成功考验' }
]
