/**
 * The campaign definition's types: a campaign (征集) is data, never code. One JSON file per
 * notice lives in `campaigns/`; its schema is types/definition-schema.ts (the types below derive
 * from it) and `validateDefinition` checks a file against it.
 */
import type { Static } from 'typebox'
import type * as S from './definition-schema'
import type { UnitType } from './domain'
import { ATTACHMENT_TYPES, COMPARISON_OPS, FIELD_MEANINGS, SUPPORTED_TIMEZONES, TEXT_FORMATS } from './definition-constants'

export { ATTACHMENT_TYPES, COMPARISON_OPS, FIELD_MEANINGS, SUPPORTED_TIMEZONES, TEXT_FORMATS }

/** Dates in a definition are calendar days (YYYY-MM-DD) in the campaign's time zone. */
export type CalendarDay = string

export type CampaignTimezone = (typeof SUPPORTED_TIMEZONES)[number]
export type TextFormat = (typeof TEXT_FORMATS)[number]
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]
export type ComparisonOp = (typeof COMPARISON_OPS)[number]
export type FieldMeaning = (typeof FIELD_MEANINGS)[number]

/** How the studio names each meaning (FIELD_MEANINGS). */
export const FIELD_MEANING_LABELS: Record<FieldMeaning, string> = {
  title: '需求（项目）名称',
  domain: '所属领域及方向',
  background: '背景及意义、拟解决的问题',
  currentStatus: '技术现状',
  researchContent: '主要研究内容',
  overview: '项目概述',
  objectives: '预期目标及成果',
  indicators: '技术与成果指标',
  currentMaturity: '当前成熟度',
  expectedMaturity: '预期成熟度',
  expectedCompletion: '预期完成时间',
  industrialization: '产业化前景',
  applicationEntities: '应用主体',
  applicationScenarios: '应用场景',
  organizationModes: '组织方式',
  partners: '联合单位',
  totalInvestment: '项目总投入',
  fiscalSupport: '申请财政资金',
  unitName: '单位名称（取自单位信息）',
  contactName: '联系人（取自单位信息）',
  contactPhone: '联系人手机（取自单位信息）',
  contactTitle: '联系人职称/职务',
  officePhone: '办公电话',
  leaderName: '项目负责人',
  leaderTitle: '负责人职称/职务',
  leaderPhone: '负责人电话'
}

/** Longest text of an “其他” option when the option sets no `otherMaxLength`. */
export const OTHER_TEXT_MAX = 100

/**
 * A unit type: one of the global UNIT_TYPES (types/domain.ts) or one the campaign declares in
 * its `unitTypes`. Labels: `unitTypeLabel` (types/labels.ts).
 */
export type UnitTypeId = UnitType | (string & {})

// The types of a definition, each derived from its schema (types/definition-schema.ts), where
// every key is described.
export type CampaignDefinition = Static<typeof S.CampaignDefinition>
export type DeclaredUnitType = Static<typeof S.DeclaredUnitType>
export type Option = Static<typeof S.Option>
export type Condition = Static<typeof S.Condition>
export type AnswerCondition = Static<typeof S.AnswerCondition>
export type TextField = Static<typeof S.TextField>
export type TextareaField = Static<typeof S.TextareaField>
export type SingleChoiceField = Static<typeof S.SingleChoiceField>
export type MultiChoiceField = Static<typeof S.MultiChoiceField>
export type DomainField = Static<typeof S.DomainField>
export type NumberField = Static<typeof S.AmountField> | Static<typeof S.NumberField>
export type DateField = Static<typeof S.DateField>
export type IndicatorTableField = Static<typeof S.IndicatorTableField>
export type MaturityField = Static<typeof S.MaturityField>
export type RecommenderField = Static<typeof S.RecommenderField>
export type RecommenderRoute = Static<typeof S.RecommenderRoute>
export type AttachmentsField = Static<typeof S.AttachmentsField>
export type GateField = Static<typeof S.GateField>
export type FieldDefinition = Static<typeof S.FieldDefinition>
export type FieldKind = FieldDefinition['kind']
export type StepDefinition = Static<typeof S.StepDefinition>
export type DomainDirection = Static<typeof S.DomainDirection>
export type Domain = Static<typeof S.Domain>
export type RecommenderUnitType = Static<typeof S.RecommenderUnitType>
export type SubQuota = Static<typeof S.SubQuota>
export type KeyMark = Static<typeof S.KeyMark>
export type SignOff = Static<typeof S.LabelledItem>
export type Deliverable = Static<typeof S.LabelledItem>
export type CampaignTemplate = Static<typeof S.CampaignTemplate>
export type RecommenderUnit = Static<typeof S.RecommenderUnit>
export type Contact = Static<typeof S.Contact>
export type FieldRef = Static<typeof S.FieldRef>
export type EligibilityRule = Static<typeof S.Rule>
/**
 * The same comparison as a check of the answers (e.g. 财政资金支持 ≤ 项目计划总投入): a failure
 * is a mistake to correct at `field` (OUT_OF_RANGE), not a reason the unit may not file.
 */
export type ValidationRule = EligibilityRule
export type DemandLimit = Static<typeof S.DemandLimit>
export type SummaryColumn = Static<typeof S.SummaryColumn>
export type ReminderSettings = Static<typeof S.ReminderSettings>
export type QuietHours = Static<typeof S.QuietHours>
export type QualitySettings = Static<typeof S.QualitySettings>
export type AskSettings = Static<typeof S.AskSettings>

export const ATTACHMENT_MIME_TYPES: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png'
}

/** All fields of a definition in step order. */
export function allFields(def: Pick<CampaignDefinition, 'steps'>): FieldDefinition[] {
  return def.steps.flatMap((s) => s.fields)
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
