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
  /**
   * An “其他” option with a text of its own: choosing it requires the text (at most
   * `otherMaxLength` characters, OTHER_TEXT_MAX when absent). At most one per field; the
   * answer keeps the text as an `OtherChoice` (types/engine.ts).
   */
  other?: true
  otherMaxLength?: number
}

/** Longest text of an “其他” option when the option sets no `otherMaxLength`. */
export const OTHER_TEXT_MAX = 100

/**
 * A unit type: one of the global UNIT_TYPES (types/domain.ts) or one the campaign declares in
 * its `unitTypes`. Labels: `unitTypeLabel` (types/labels.ts).
 */
export type UnitTypeId = UnitType | (string & {})

/** A unit type a campaign adds to the global list (for its eligibleUnitTypes, rules and conditions). */
export interface DeclaredUnitType {
  id: string
  label: string
}

/**
 * A field is shown (and validated, and submitted) only while its condition holds: the answer
 * of `field` (with `equals` or `includes`), and the applicant's unit type when `unitType` is
 * given (both must hold).
 */
export interface Condition {
  field: string
  /** The answer equals this value (single choice, gate, yes/no). */
  equals?: string | boolean
  /** The answer (multi choice) includes this value. */
  includes?: string
  /**
   * Shown only to applicants of these unit types (global or declared). While the unit type is
   * not known (undefined or ''), the field is shown.
   */
  unitType?: UnitTypeId[]
}

/** A `visibleIf` on the applicant's unit type alone, e.g. R&D figures asked of enterprises only. */
export interface UnitTypeCondition {
  unitType: UnitTypeId[]
  field?: undefined
  equals?: undefined
  includes?: undefined
}

interface FieldBase {
  id: string
  label: string
  help?: string
  placeholder?: string
  required?: boolean
  visibleIf?: Condition | UnitTypeCondition
}

/** Formats a text field may require: 'phone' is a landline or a mobile, 'mobile' a mobile only. */
export const TEXT_FORMATS = ['phone', 'mobile', 'email'] as const
export type TextFormat = (typeof TEXT_FORMATS)[number]

export interface TextField extends FieldBase {
  kind: 'text'
  maxLength: number
  /** Checked by the engine; the wizard opens a phone keyboard for 'phone' and 'mobile'. */
  format?: TextFormat
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
  /**
   * Routes (报送渠道): while a route's condition holds, only units of its types receive the
   * demand, e.g. Xinjiang's 附件2 sent straight to the project service centre (a unit type with
   * no quota) or 附件3 proposed through a 厅局 or 地州. When no route holds, every unit.
   */
  routes?: RecommenderRoute[]
  /** Only the units that serve the applicant's registered district (RecommenderUnit.regions). */
  byRegion?: boolean
}
export interface RecommenderRoute {
  when: Condition
  unitTypes: string[]
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

/** A direction with a line that explains it (shown by the picker). */
export interface DomainDirection {
  label: string
  description?: string
}

export interface Domain {
  id: string
  label: string
  /** 重大专项 / 重点专项 etc. */
  group?: string
  /**
   * The area's directions, by label (`directionLabel` in types/labels.ts). Empty: the area has
   * none, and an answer gives the area only (direction '').
   */
  directions: Array<string | DomainDirection>
}

export interface RecommenderUnitType {
  id: string
  label: string
  /** Maximum demands a unit of this type may recommend; null when the notice sets none. */
  quota: number | null
  /** Limits within the quota on demands of a kind, e.g. of 2 at most 1 organised as 揭榜挂帅 or 创新联合体. */
  subQuotas?: SubQuota[]
}

/**
 * At most `max` of a unit's recommended demands may meet `when`, checked on each demand's
 * submitted answers (as `visibleIf` is: `equals` a single answer, `includes` a multi choice).
 * A list of conditions holds when any of them holds (揭榜挂帅 or 创新联合体).
 */
export interface SubQuota {
  id: string
  label: string
  max: number
  when: Condition | Condition[]
}

/** The 重点推荐 mark a unit may set on demands it recommends; at most `max` per unit when given. */
export interface KeyMark {
  label: string
  max?: number
}

/**
 * A department that must write its opinion before the unit's recommendation counts. The
 * opinion is a required textarea answer of the recommendation, keyed `signoff:<id>`
 * (types/recommender-fields.ts).
 */
export interface SignOff {
  id: string
  label: string
}

/** Something handed in offline (paper copies, stamped originals) that the unit ticks off per demand. */
export interface Deliverable {
  id: string
  label: string
}

/** A downloadable template (附件 Word / Excel) listed on the campaign page: https:// or a path on this site. */
export interface CampaignTemplate {
  name: string
  url: string
}

export interface RecommenderUnit {
  id: string
  name: string
  type: string
  /**
   * 行政区划 codes (2, 4 or 6 digits, e.g. 500112 渝北区) of the districts the unit serves: with a
   * recommender field's `byRegion`, offered only to applicants registered there (the credit code's
   * 3rd–8th characters). Absent: serves everyone.
   */
  regions?: string[]
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

/** Another numeric field's answer (times `factor`, 1 when absent) as a rule's bound. */
export interface FieldRef {
  field: string
  factor?: number
}

/** A rule on an answer, checked before the enterprise fills the rest. */
export interface EligibilityRule {
  id: string
  field: string
  op: ComparisonOp
  /** A fixed number, or another field's answer: `{ field: 'totalInvestment' }`. */
  value: number | FieldRef
  /** Only for these unit types; all when absent. */
  appliesTo?: UnitTypeId[]
  message: string
}

/**
 * The same comparison as a check of the answers (e.g. 财政资金支持 ≤ 项目计划总投入): a failure
 * is a mistake to correct at `field` (OUT_OF_RANGE), not a reason the unit may not file.
 */
export type ValidationRule = EligibilityRule

export interface DemandLimit {
  /** Demands one enterprise may file in this campaign; null: no limit (不限). */
  perEnterprise: number | null
  /** Overrides by the enterprise's unit type. */
  byUnitType?: Partial<Record<UnitTypeId, number>>
  note?: string
}

export interface SummaryColumn {
  header: string
  /**
   * `rank`, `field:<fieldId>`, `profile:<profileKey>`, `unit`; and what the recommending unit
   * gave: `recommender:<recommender field id>` (a sign-off's opinion: `recommender:signoff:<id>`),
   * `keyRecommended` (the 重点推荐 mark), `deliverable:<id>` (✓ when received).
   */
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
  /** Unit types this campaign adds to the global list (UNIT_TYPES). */
  unitTypes?: DeclaredUnitType[]
  eligibleUnitTypes: UnitTypeId[]
  eligibility: EligibilityRule[]
  /** Checks between answers, reported at their field. */
  validations?: ValidationRule[]
  demandLimit: DemandLimit
  domains: Domain[]
  recommenders: {
    unitTypes: RecommenderUnitType[]
    units: RecommenderUnit[]
    /** What the unit fills when it recommends a demand (推荐意见, its own investment, a stamped scan). */
    fields?: FieldDefinition[]
    /** The 重点推荐 mark, when the notice asks units to single out demands. */
    keyMark?: KeyMark
    /** Departments whose opinions a recommendation needs. */
    signOffs?: SignOff[]
  }
  /** What is handed in offline, ticked off by the recommending unit per demand. */
  deliverables?: Deliverable[]
  /** Templates to download from the campaign page. */
  templates?: CampaignTemplate[]
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
