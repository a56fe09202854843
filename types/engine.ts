/**
 * The form engine: the ONE place that decides what an answer set means for a campaign.
 * The wizard runs it for instant feedback, the server runs it as the authority, so both
 * always agree. Pure: no I/O, no Taro, no Node APIs.
 *
 * Principles
 * - What is validated is what is submitted: every check runs on `normaliseAnswer(value)`
 *   (text trimmed), and `submittable` sends exactly those normalised values.
 * - Hidden fields (a `visibleIf` that does not hold, or whose condition field is itself
 *   hidden) are neither validated nor submitted; their answers stay in the working copy
 *   so that switching back restores them. A condition may name the applicant's unit type
 *   (`visibleIf.unitType`): functions that decide visibility take the unit type as an
 *   optional last argument; without it (unknown) such fields count as shown.
 * - Rules: `eligibility` says who may file (INELIGIBLE); `validations` check answers against
 *   each other (OUT_OF_RANGE at their field). Either compares with a number or with another
 *   numeric field (`{ field, factor? }`), once both are answered and shown.
 * - Numbers are never changed: 12.345 for a 2-decimal amount is an error, not 12.35.
 * - Definitions are treated as immutable: lookups are built once per definition object
 *   (WeakMap) on first use.
 */
import {
  OTHER_TEXT_MAX,
  type AttachmentType,
  type AttachmentsField,
  type CampaignDefinition,
  type ComparisonOp,
  type Condition,
  type DomainField,
  type EligibilityRule,
  type FieldDefinition,
  type IndicatorTableField,
  type MultiChoiceField,
  type NumberField,
  type Option,
  type RecommenderField,
  type RecommenderUnit,
  type SingleChoiceField,
  type StepDefinition,
  type TextField,
  type TextFormat,
  type TextareaField,
  type UnitTypeId
} from './campaign'
import { directionLabel, unitTypeLabel } from './labels'

/**
 * The applicant's unit type where visibility or rules depend on it: a global or declared unit
 * type, '' when the profile has none, undefined when the caller does not know it. Fields with
 * a `visibleIf.unitType` are shown while it is '' or undefined.
 */
export type ApplicantUnitType = UnitTypeId | '' | undefined

// ─── Answer shapes ──────────────────────────────────────────────────────────

/** fieldId → value, as the wizard keeps it and the server stores it. */
export type Answers = Record<string, unknown>

/** One row of an `indicators` field. `current` may be empty (a new capability has none). */
export interface IndicatorRow {
  name: string
  current: string
  target: string
  unit: string
}

/**
 * The answer of a `domain` field: a domain id of the campaign and the label of one of its
 * directions; direction '' when none is chosen, always so for an area without directions.
 */
export interface DomainAnswer {
  domain: string
  direction: string
}

/**
 * How a choice keeps the text of an “其他” option (`Option.other`): instead of the option's bare
 * value, `{ value, other }` — as the whole answer of a single choice, as that element of a
 * multiple choice's list:
 *   single: 'yes'  or  { value: 'other', other: '企业自建平台' }
 *   multi:  ['cross_region', { value: 'other', other: '军民协同' }]
 * Every other option stays a bare string, so answers given before an option had `other` stay
 * valid. A bare value of an `other` option (or an empty text) is a choice whose text is missing.
 */
export interface OtherChoice {
  value: string
  other: string
}

/** `{ value, other? }` with a string value (and a text, null or nothing as `other`). */
function isOtherChoiceShape(v: unknown): v is { value: string; other?: string | null } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const o = v as Record<string, unknown>
  return typeof o.value === 'string' && (o.other === undefined || o.other === null || typeof o.other === 'string')
}

/** The option value of a choice (or of one element of a multiple choice): unwraps an OtherChoice. */
export function choiceValue(v: unknown): unknown {
  return isOtherChoiceShape(v) ? v.value : v
}

/** The text given with an “其他” choice, '' when none. */
export function otherText(v: unknown): string {
  return isOtherChoiceShape(v) && typeof v.other === 'string' ? v.other : ''
}

/** The field's “其他” option, if it has one. */
export function otherOption(field: SingleChoiceField | MultiChoiceField): Option | undefined {
  return field.options.find((o) => o.other === true)
}

/** What the upload endpoint returns and the wizard puts into an `attachments` answer. */
export interface AttachmentRef {
  id: string
  name: string
  size: number
  type: AttachmentType
  sha256: string
}

/**
 * One problem with an answer. `row` is the 0-based index of the indicator row or of the
 * attachment concerned (messages count from 1); `rule` is the eligibility rule's id.
 */
export interface FieldIssue {
  field: string
  code: string
  message: string
  row?: number
  column?: keyof IndicatorRow
  rule?: string
}

export interface EligibilityIssue {
  ruleId: string
  field: string
  message: string
}

export interface StepCompleteness {
  id: string
  title: string
  done: boolean
  /** Labels of required fields still unanswered. */
  missing: string[]
  /** Problems other than missing answers. */
  errors: number
}

export interface Completeness {
  steps: StepCompleteness[]
  done: number
  total: number
  complete: boolean
}

export interface AnswerChange {
  field: string
  label: string
  /** The normalised value, null when absent. */
  before: unknown
  after: unknown
}

/** Issue codes the engine emits. The server refuses drafts only on INVALID_TYPE. */
export const ISSUE_CODES = [
  'REQUIRED',
  'INVALID_TYPE',
  'TOO_LONG',
  'TOO_SHORT',
  'INVALID_CHOICE',
  'DUPLICATE_CHOICE',
  'TOO_FEW',
  'TOO_MANY',
  'OUT_OF_RANGE',
  'TOO_PRECISE',
  'INVALID_DATE',
  'INVALID_FORMAT',
  'ROW_INCOMPLETE',
  'FILE_TOO_LARGE',
  'FILE_TYPE_REJECTED',
  'DUPLICATE_FILE',
  'GATE_STOPPED',
  'INELIGIBLE'
] as const
export type IssueCode = (typeof ISSUE_CODES)[number]

/** Column labels of an indicator row, as the messages name them. */
export const INDICATOR_COLUMNS: Record<keyof IndicatorRow, string> = {
  name: '指标名称',
  current: '当前值',
  target: '目标值',
  unit: '单位'
}
const INDICATOR_KEYS: ReadonlyArray<keyof IndicatorRow> = ['name', 'current', 'target', 'unit']
const INDICATOR_REQUIRED: ReadonlyArray<keyof IndicatorRow> = ['name', 'target', 'unit']
/** Longest indicator cell, in code points. */
export const INDICATOR_CELL_MAX = 100
export const MATURITY_MIN = 1
export const MATURITY_MAX = 9
const MIB = 1024 * 1024

/** The unit type issue of `checkEligibility` carries this rule id and field. */
export const UNIT_TYPE_RULE_ID = 'unit-type'

// ─── Text ───────────────────────────────────────────────────────────────────

/**
 * Length as people count it: by code point ('𠮷' and '😀' count 1, '中文' 2), with a
 * CRLF line break counting 1 like LF. (Emoji built of several code points, such as flags
 * or ZWJ families, count each code point.)
 */
export function textLength(s: string): number {
  const len = s.length
  let n = 0
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < len) {
        const d = s.charCodeAt(i + 1)
        if (d >= 0xdc00 && d <= 0xdfff) i++
      }
    } else if (c === 13 && i + 1 < len && s.charCodeAt(i + 1) === 10) {
      i++
    }
    n++
  }
  return n
}

// ─── Per-definition lookups ─────────────────────────────────────────────────

interface DomainIndex {
  label: string
  /** direction labels; empty for an area without directions */
  directions: Set<string>
}

interface DefIndex {
  def: CampaignDefinition
  fields: FieldDefinition[]
  /** field id → position in `fields` */
  position: Map<string, number>
  stepOfField: Map<string, StepDefinition>
  stepById: Map<string, StepDefinition>
  /** choice field id → option values */
  options: Map<string, Set<string>>
  domains: Map<string, DomainIndex>
  units: Set<string>
  rulesByField: Map<string, EligibilityRule[]>
  /** `validations` by the field they are reported at */
  checksByField: Map<string, EligibilityRule[]>
  eligibleUnitTypes: Set<string>
  titleField: FieldDefinition | null
}

const INDEX = new WeakMap<CampaignDefinition, DefIndex>()

function indexOf(def: CampaignDefinition): DefIndex {
  let ix = INDEX.get(def)
  if (ix) return ix
  const fields: FieldDefinition[] = []
  const position = new Map<string, number>()
  const stepOfField = new Map<string, StepDefinition>()
  const stepById = new Map<string, StepDefinition>()
  const options = new Map<string, Set<string>>()
  for (const step of def.steps) {
    stepById.set(step.id, step)
    for (const f of step.fields) {
      position.set(f.id, fields.length)
      fields.push(f)
      stepOfField.set(f.id, step)
      if (f.kind === 'single' || f.kind === 'multi') options.set(f.id, new Set(f.options.map((o) => o.value)))
    }
  }
  const domains = new Map<string, DomainIndex>()
  for (const d of def.domains) domains.set(d.id, { label: d.label, directions: new Set((d.directions ?? []).map(directionLabel)) })
  const byField = (rules: EligibilityRule[] | undefined) => {
    const map = new Map<string, EligibilityRule[]>()
    for (const r of rules ?? []) {
      const list = map.get(r.field)
      if (list) list.push(r)
      else map.set(r.field, [r])
    }
    return map
  }
  ix = {
    def,
    fields,
    position,
    stepOfField,
    stepById,
    options,
    domains,
    units: new Set(def.recommenders.units.map((u) => u.id)),
    rulesByField: byField(def.eligibility),
    checksByField: byField(def.validations),
    eligibleUnitTypes: new Set(def.eligibleUnitTypes),
    titleField: findTitleField(def, fields)
  }
  INDEX.set(def, ix)
  return ix
}

/**
 * The field that names a demand: the first summary column that shows a text field (the
 * 汇总表 lists demands by it), else the first unconditional text field. Not simply the first
 * text field: Hangzhou asks for the R&D platform's name before the demand's name.
 */
function findTitleField(def: CampaignDefinition, fields: FieldDefinition[]): FieldDefinition | null {
  for (const c of def.summaryColumns) {
    if (!c.source.startsWith('field:')) continue
    const f = fields.find((x) => x.id === c.source.slice(6))
    if (f && f.kind === 'text') return f
  }
  return fields.find((f) => f.kind === 'text' && !f.visibleIf) ?? null
}

// ─── Reading answers ────────────────────────────────────────────────────────

const hasOwn = Object.prototype.hasOwnProperty

function read(answers: Answers, id: string): unknown {
  return answers != null && hasOwn.call(answers, id) ? answers[id] : undefined
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Unanswered: null/undefined, blank text, an empty list, a domain without a domain. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true
  if (typeof v === 'string') return v.trim() === ''
  if (Array.isArray(v)) return v.length === 0
  if (isPlainObject(v) && 'domain' in v) {
    const d = v.domain
    const dir = v.direction
    return (d === undefined || d === null || d === '') && (dir === undefined || dir === null || dir === '')
  }
  return false
}

/** The condition itself (not whether its field is shown): unit type, then the answer. */
function holds(cond: Condition, answers: Answers, unitType: ApplicantUnitType): boolean {
  if (cond.unitType && unitType !== undefined && unitType !== '' && !cond.unitType.includes(unitType)) return false
  if (cond.field === undefined) return true
  const v = read(answers, cond.field)
  if (cond.equals !== undefined) return choiceValue(v) === cond.equals
  if (cond.includes !== undefined) return Array.isArray(v) && v.some((x) => choiceValue(x) === cond.includes)
  return true
}

/** Visibility of every field in definition order (conditions point at earlier fields). */
function visibility(ix: DefIndex, answers: Answers, unitType: ApplicantUnitType): boolean[] {
  const out = new Array<boolean>(ix.fields.length)
  for (let i = 0; i < ix.fields.length; i++) {
    const cond = ix.fields[i].visibleIf
    if (!cond) {
      out[i] = true
      continue
    }
    if (cond.field === undefined) {
      out[i] = holds(cond, answers, unitType)
      continue
    }
    const p = ix.position.get(cond.field)
    out[i] = p !== undefined && p < i && out[p] && holds(cond, answers, unitType)
  }
  return out
}

function visibleById(ix: DefIndex, answers: Answers, id: string, unitType: ApplicantUnitType, depth = 0): boolean {
  const p = ix.position.get(id)
  if (p === undefined) return false
  const cond = ix.fields[p].visibleIf
  if (!cond) return true
  if (depth > ix.fields.length) return false // a cycle; validateDefinition forbids it
  if (!holds(cond, answers, unitType)) return false
  return cond.field === undefined || visibleById(ix, answers, cond.field, unitType, depth + 1)
}

// ─── Visibility API ─────────────────────────────────────────────────────────

/**
 * Whether `field` is shown. `def` is needed to follow chains: a field is hidden when the
 * field its condition names is itself hidden, even if that field still holds an answer.
 * `unitType`: the applicant's, for conditions on it (see ApplicantUnitType).
 */
export function isVisible(field: FieldDefinition, answers: Answers, def: CampaignDefinition, unitType?: UnitTypeId | ''): boolean {
  const cond = field.visibleIf
  if (!cond) return true
  if (!holds(cond, answers, unitType)) return false
  return cond.field === undefined || visibleById(indexOf(def), answers, cond.field, unitType)
}

export function visibleFields(def: CampaignDefinition, answers: Answers, unitType?: UnitTypeId | ''): FieldDefinition[] {
  const ix = indexOf(def)
  const vis = visibility(ix, answers, unitType)
  return ix.fields.filter((_, i) => vis[i])
}

/** Steps with at least one visible field, in order. */
export function visibleSteps(def: CampaignDefinition, answers: Answers, unitType?: UnitTypeId | ''): StepDefinition[] {
  const ix = indexOf(def)
  const vis = visibility(ix, answers, unitType)
  return def.steps.filter((s) => s.fields.some((f) => vis[ix.position.get(f.id) as number]))
}

// ─── Normalisation ──────────────────────────────────────────────────────────

/**
 * The value as it is validated and submitted: text trimmed (also indicator cells and the text
 * of an “其他” choice), indicator rows, domain answers, “其他” choices and attachment references
 * reduced to their own keys. Numbers, plain choices and anything of an unexpected shape are
 * returned unchanged (so that validation can report them).
 */
export function normaliseAnswer(field: FieldDefinition, value: unknown): unknown {
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? value.trim() : value
    case 'single':
      return normaliseChoice(value)
    case 'multi':
      return Array.isArray(value) ? value.map(normaliseChoice) : value
    case 'indicators': {
      if (!Array.isArray(value)) return value
      const rows: IndicatorRow[] = []
      for (const r of value) {
        if (!isIndicatorRowShape(r)) return value
        const cells = r as Record<string, unknown>
        const row = { name: '', current: '', target: '', unit: '' }
        for (const k of INDICATOR_KEYS) {
          const c = cells[k]
          if (typeof c === 'string') row[k] = c.trim()
        }
        rows.push(row)
      }
      return rows
    }
    case 'domain': {
      if (!isPlainObject(value)) return value
      const { domain, direction } = value
      if (typeof domain !== 'string') return value
      if (direction !== undefined && direction !== null && typeof direction !== 'string') return value
      return { domain, direction: direction ?? '' }
    }
    case 'attachments': {
      if (!Array.isArray(value)) return value
      const refs: AttachmentRef[] = []
      for (const r of value) {
        if (!isAttachmentShape(r)) return value
        refs.push({ id: r.id, name: r.name, size: r.size, type: r.type, sha256: r.sha256 })
      }
      return refs
    }
    default:
      return value
  }
}

function normaliseChoice(v: unknown): unknown {
  if (!isOtherChoiceShape(v)) return v
  const choice: OtherChoice = { value: v.value, other: typeof v.other === 'string' ? v.other.trim() : '' }
  return choice
}

// ─── Validation ─────────────────────────────────────────────────────────────

const TYPE_MESSAGES: Record<FieldDefinition['kind'], string> = {
  text: '应为文本',
  textarea: '应为文本',
  single: '应为单个选项',
  multi: '应为选项列表',
  domain: '应选择领域及方向',
  amount: '应为数字',
  number: '应为数字',
  date: '应为日期（YYYY-MM-DD）',
  indicators: '应为指标列表',
  maturity: '应为1至9级的整数',
  recommender: '只能选择1个推荐单位',
  attachments: '应为附件列表',
  gate: '应回答“是”或“否”'
}

/** One field's issues as its checks find them (an object, not closures made for every check). */
class FieldIssues {
  readonly list: FieldIssue[] = []
  private readonly field: FieldDefinition
  constructor(field: FieldDefinition) {
    this.field = field
  }
  add(code: IssueCode, message: string, extra?: { row?: number; column?: keyof IndicatorRow }): void {
    const issue: FieldIssue = { field: this.field.id, code, message }
    if (extra?.row !== undefined) issue.row = extra.row
    if (extra?.column !== undefined) issue.column = extra.column
    this.list.push(issue)
  }
  wrongType(): void {
    this.add('INVALID_TYPE', `${this.field.label}${TYPE_MESSAGES[this.field.kind]}`)
  }
}

/**
 * Problems with one field's answer (its `validations` included); [] when fine or hidden.
 * `unitType`: the applicant's, for conditions and validations that depend on it.
 */
export function validateField(def: CampaignDefinition, field: FieldDefinition, answers: Answers, unitType?: UnitTypeId | ''): FieldIssue[] {
  if (!isVisible(field, answers, def, unitType)) return []
  const ix = indexOf(def)
  return fieldIssues(ix, field, answers, visibility(ix, answers, unitType), unitType)
}

/** A field's own problems, then the `validations` reported at it. */
function fieldIssues(ix: DefIndex, field: FieldDefinition, answers: Answers, vis: boolean[], unitType: ApplicantUnitType): FieldIssue[] {
  const issues = check(ix, field, read(answers, field.id))
  if (field.kind === 'recommender' && !issues.length) pushAll(issues, routeIssues(ix.def, field, answers, unitType))
  if (ix.checksByField.has(field.id)) pushAll(issues, checkIssues(ix, field, answers, vis, unitType))
  return issues
}

/** Who applies, as far as the recommender choice depends on it. */
export interface Applicant {
  unitType?: UnitTypeId | ''
  /** The 统一社会信用代码: its 3rd–8th characters are the registered district (行政区划). */
  creditCode?: string
}

/**
 * The units the applicant may choose in a recommender field: those of the route that holds
 * for the answers (all when none does), and with `byRegion` those serving the applicant's
 * registered district. The wizard offers exactly these; saves and submissions are checked against them.
 */
export function recommenderChoices(def: CampaignDefinition, field: RecommenderField, answers: Answers, applicant: Applicant = {}): RecommenderUnit[] {
  const route = field.routes?.find((r) => holds(r.when, answers, applicant.unitType))
  const region = applicant.creditCode?.slice(2, 8) ?? ''
  return def.recommenders.units.filter(
    (u) =>
      (!route || route.unitTypes.includes(u.type)) &&
      (!field.byRegion || !u.regions || !/^\d{6}$/.test(region) || u.regions.some((r) => region.startsWith(r)))
  )
}

/** A known unit that the route the answers take does not lead to. */
function routeIssues(def: CampaignDefinition, field: RecommenderField, answers: Answers, unitType: ApplicantUnitType): FieldIssue[] {
  const value = read(answers, field.id)
  if (typeof value !== 'string' || !field.routes || recommenderChoices(def, field, answers, { unitType }).some((u) => u.id === value)) return []
  const name = def.recommenders.units.find((u) => u.id === value)?.name ?? value
  return [{ field: field.id, code: 'INVALID_CHOICE', message: `“${name}”不受理按所选渠道报送的需求，请重新选择${field.label}` }]
}

function check(ix: DefIndex, field: FieldDefinition, raw: unknown): FieldIssue[] {
  const out = new FieldIssues(field)
  const value = normaliseAnswer(field, raw)
  if (isEmpty(value)) {
    if (field.required) {
      out.add('REQUIRED', field.kind === 'gate' ? `请回答：${field.label}` : `${field.label}为必填项`)
    }
    return out.list
  }
  const label = field.label

  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') out.wrongType()
      else {
        checkLength(field, value, out)
        if (field.kind === 'text' && field.format && !matchesFormat(field.format, value))
          out.add('INVALID_FORMAT', `${label}${FORMAT_MESSAGES[field.format]}`)
      }
      break
    case 'single': {
      const v = choiceValue(value)
      if (typeof v !== 'string') out.wrongType()
      else if (!optionsOf(ix, field).has(v)) out.add('INVALID_CHOICE', choiceMessage(label, v))
      else checkOther(field, value, out)
      break
    }
    case 'multi':
      checkMulti(ix, field, value, out)
      break
    case 'domain':
      checkDomain(ix, field, value, out)
      break
    case 'amount':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.wrongType()
      else checkNumber(field, value, out)
      break
    case 'date':
      if (typeof value !== 'string') out.wrongType()
      else if (!isRealDate(value)) out.add('INVALID_DATE', `${label}应为有效日期（格式 YYYY-MM-DD）`)
      break
    case 'indicators':
      checkIndicators(field, value, out)
      break
    case 'maturity':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.wrongType()
      else if (!Number.isInteger(value) || value < MATURITY_MIN || value > MATURITY_MAX)
        out.add('OUT_OF_RANGE', `${label}应为${MATURITY_MIN}至${MATURITY_MAX}级的整数`)
      break
    case 'recommender':
      if (typeof value !== 'string') out.wrongType()
      else if (!ix.units.has(value)) out.add('INVALID_CHOICE', `${label}“${value}”不在本次征集的推荐单位名单中`)
      break
    case 'attachments':
      checkAttachments(field, value, out)
      break
    case 'gate':
      if (typeof value !== 'boolean') out.wrongType()
      else if (value === field.stopWhen) out.add('GATE_STOPPED', field.stopMessage)
      break
  }
  return out.list
}

const MOBILE = /^1[3-9]\d{9}$/
/** Area code 0xx or 0xxx, an optional hyphen, 7–8 digits, an optional extension. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

const FORMAT_MESSAGES: Record<TextFormat, string> = {
  phone: '应为有效的电话号码：固定电话含区号，如 0991-1234567、023-63000000；或11位手机号，如 13912345678',
  mobile: '应为11位手机号，如 13912345678',
  email: '应为有效的电子邮箱，如 name@example.com'
}

/** Whether a (trimmed) text has the format: 'phone' a landline or a mobile, 'mobile' a mobile. */
export function matchesFormat(format: TextFormat, s: string): boolean {
  switch (format) {
    case 'mobile':
      return MOBILE.test(s)
    case 'phone':
      return MOBILE.test(s) || LANDLINE.test(s)
    case 'email':
      return EMAIL.test(s)
  }
}

/** The text of an “其他” choice: required when that option is chosen, within its length; only there. */
function checkOther(field: SingleChoiceField | MultiChoiceField, entry: unknown, out: FieldIssues) {
  const option = field.options.find((o) => o.value === choiceValue(entry))
  if (!option) return
  if (!option.other) {
    if (isOtherChoiceShape(entry)) out.add('INVALID_CHOICE', `${field.label}：选项“${option.label}”不能附带说明文字`)
    return
  }
  const text = otherText(entry)
  const max = option.otherMaxLength ?? OTHER_TEXT_MAX
  const n = textLength(text)
  if (n === 0) out.add('REQUIRED', `请填写${field.label}“${option.label}”的具体内容`)
  else if (n > max) out.add('TOO_LONG', `${field.label}“${option.label}”的说明不能超过${max}字（当前${n}字）`)
}

function checkLength(field: TextField | TextareaField, value: string, out: FieldIssues) {
  const n = textLength(value)
  if (n > field.maxLength) out.add('TOO_LONG', `${field.label}不能超过${field.maxLength}字（当前${n}字）`)
  else if (field.kind === 'textarea' && field.minLength !== undefined && n < field.minLength)
    out.add('TOO_SHORT', `${field.label}不能少于${field.minLength}字（当前${n}字）`)
}

/** Option values; computed on the spot for a field object the definition does not hold. */
function optionsOf(ix: DefIndex, field: SingleChoiceField | MultiChoiceField): Set<string> {
  return ix.options.get(field.id) ?? new Set(field.options.map((o) => o.value))
}

function choiceMessage(label: string, value: string) {
  return `${label}的选项“${value}”不在可选范围内`
}

function checkMulti(ix: DefIndex, field: MultiChoiceField, value: unknown, out: FieldIssues) {
  if (!Array.isArray(value) || value.some((v) => typeof choiceValue(v) !== 'string')) return out.wrongType()
  const allowed = optionsOf(ix, field)
  const seen = new Set<string>()
  for (const entry of value) {
    const v = choiceValue(entry) as string
    if (!allowed.has(v)) out.add('INVALID_CHOICE', choiceMessage(field.label, v))
    else if (seen.has(v)) out.add('DUPLICATE_CHOICE', `${field.label}的选项“${v}”重复`)
    else checkOther(field, entry, out)
    seen.add(v)
  }
  if (field.minItems !== undefined && value.length < field.minItems)
    out.add('TOO_FEW', `${field.label}至少选择${field.minItems}项（当前${value.length}项）`)
  if (field.maxItems !== undefined && value.length > field.maxItems)
    out.add('TOO_MANY', `${field.label}最多选择${field.maxItems}项（当前${value.length}项）`)
}

function checkDomain(ix: DefIndex, field: DomainField, value: unknown, out: FieldIssues) {
  if (!isPlainObject(value) || typeof value.domain !== 'string' || typeof value.direction !== 'string') return out.wrongType()
  const { domain, direction } = value as unknown as DomainAnswer
  const d = ix.domains.get(domain)
  if (!d) return out.add('INVALID_CHOICE', domain === '' ? `请先选择${field.label}的领域` : `${field.label}：领域“${domain}”不在本次征集范围内`)
  if (direction === '') {
    // An area without directions is answered by the area alone.
    if (field.directionRequired && d.directions.size > 0) out.add('REQUIRED', `请选择${field.label}的具体方向`)
  } else if (d.directions.size === 0) {
    out.add('INVALID_CHOICE', `${field.label}：“${d.label}”领域不细分方向，请重新选择领域`)
  } else if (!d.directions.has(direction)) {
    out.add('INVALID_CHOICE', `${field.label}：方向“${direction}”不属于“${d.label}”领域`)
  }
}

/** "0 万元", "3%" */
function quantity(n: number, unit: string, spaced: boolean) {
  if (unit === '%' || unit === '') return `${n}${unit}`
  return spaced ? `${n} ${unit}` : `${n}${unit}`
}

function checkNumber(field: NumberField, value: number, out: FieldIssues) {
  const { min, max, unit, label } = field
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    let range: string
    if (min !== undefined && max !== undefined) {
      range = unit === '%' ? `应在 ${min}% 至 ${max}% 之间` : `应在 ${min} 至 ${quantity(max, unit, true)}之间`
    } else if (min !== undefined) range = `不能小于 ${quantity(min, unit, true)}`
    else range = `不能大于 ${quantity(max as number, unit, true)}`
    out.add('OUT_OF_RANGE', `${label}${range}`)
  }
  if (decimalPlaces(value) > field.precision)
    out.add('TOO_PRECISE', field.precision === 0 ? `${label}应为整数` : `${label}最多保留${field.precision}位小数`)
}

/** Decimal places of the shortest decimal that round-trips to `n` (what the user typed). */
export function decimalPlaces(n: number): number {
  if (Number.isInteger(n)) return 0
  const s = String(n)
  const e = s.indexOf('e')
  const mantissa = e < 0 ? s : s.slice(0, e)
  const exponent = e < 0 ? 0 : Number(s.slice(e + 1))
  const dot = mantissa.indexOf('.')
  const places = dot < 0 ? 0 : mantissa.length - dot - 1
  return Math.max(0, places - exponent)
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** 'YYYY-MM-DD' naming a real day of the Gregorian calendar. */
export function isRealDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(5, 7))
  const d = Number(s.slice(8, 10))
  if (y < 1 || m < 1 || m > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])
}

/** An object whose cells are text (absent or null cells read as empty). */
function isIndicatorRowShape(r: unknown): boolean {
  if (!isPlainObject(r)) return false
  for (const k of INDICATOR_KEYS) {
    const c = r[k]
    if (typeof c !== 'string' && c !== undefined && c !== null) return false
  }
  return true
}

function checkIndicators(field: IndicatorTableField, value: unknown, out: FieldIssues) {
  // normaliseAnswer rebuilt well-formed rows; anything else came back as it was.
  if (!Array.isArray(value)) return out.wrongType()
  const label = field.label
  for (let i = 0; i < value.length; i++) {
    const r = value[i]
    if (!isIndicatorRowShape(r)) return out.add('INVALID_TYPE', `${label}：第${i + 1}行格式不正确`, { row: i })
  }
  const rows = value as IndicatorRow[]
  if (rows.length < field.minRows) out.add('TOO_FEW', `${label}至少填写${field.minRows}项（当前${rows.length}项）`)
  if (rows.length > field.maxRows) out.add('TOO_MANY', `${label}最多填写${field.maxRows}项（当前${rows.length}项）`)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    for (const k of INDICATOR_REQUIRED) {
      if (row[k] === '') out.add('ROW_INCOMPLETE', `${label}：第${i + 1}行指标缺少${INDICATOR_COLUMNS[k]}`, { row: i, column: k })
    }
    for (const k of INDICATOR_KEYS) {
      const n = textLength(row[k])
      if (n > INDICATOR_CELL_MAX)
        out.add('TOO_LONG', `${label}：第${i + 1}行${INDICATOR_COLUMNS[k]}不能超过${INDICATOR_CELL_MAX}字（当前${n}字）`, { row: i, column: k })
    }
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/

function isAttachmentShape(r: unknown): r is AttachmentRef {
  return (
    isPlainObject(r) &&
    typeof r.id === 'string' &&
    r.id !== '' &&
    typeof r.name === 'string' &&
    r.name !== '' &&
    typeof r.size === 'number' &&
    Number.isInteger(r.size) &&
    r.size > 0 &&
    typeof r.type === 'string' &&
    typeof r.sha256 === 'string' &&
    SHA256_HEX.test(r.sha256)
  )
}

function checkAttachments(field: AttachmentsField, value: unknown, out: FieldIssues) {
  if (!Array.isArray(value)) return out.wrongType()
  const label = field.label
  for (let i = 0; i < value.length; i++) {
    if (!isAttachmentShape(value[i])) return out.add('INVALID_TYPE', `${label}：第${i + 1}个附件信息无效，请删除后重新上传`, { row: i })
  }
  const refs = value as AttachmentRef[]
  if (refs.length > field.maxFiles) out.add('TOO_MANY', `${label}最多上传${field.maxFiles}个文件（当前${refs.length}个）`)
  const maxBytes = field.maxSizeMB * MIB
  const seen = new Set<string>()
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]
    if (seen.has(r.id)) out.add('DUPLICATE_FILE', `${label}：“${r.name}”重复上传`, { row: i })
    seen.add(r.id)
    if (!(field.accept as string[]).includes(r.type))
      out.add('FILE_TYPE_REJECTED', `${label}：“${r.name}”的文件类型不在允许范围内（${field.accept.map((t) => '.' + t).join(' ')}）`, { row: i })
    if (r.size > maxBytes) out.add('FILE_TOO_LARGE', `${label}：“${r.name}”超过${field.maxSizeMB}MB`, { row: i })
  }
}

// ─── Steps, gates, eligibility, the whole demand ───────────────────────────

function stepOrThrow(ix: DefIndex, stepId: string): StepDefinition {
  const step = ix.stepById.get(stepId)
  if (!step) throw new Error(`未知的步骤：${stepId}`)
  return step
}

/**
 * Problems with the visible fields of one step (their `validations` included). With
 * `unitType`, also the eligibility rules on those fields (so the wizard can stop at the step
 * that asks for them), and fields shown only to other unit types are left out.
 */
export function validateStep(
  def: CampaignDefinition,
  stepId: string,
  answers: Answers,
  unitType?: UnitTypeId | ''
): FieldIssue[] {
  const ix = indexOf(def)
  const step = stepOrThrow(ix, stepId)
  const vis = visibility(ix, answers, unitType)
  const issues: FieldIssue[] = []
  for (const f of step.fields) {
    if (!vis[ix.position.get(f.id) as number]) continue
    pushAll(issues, fieldIssues(ix, f, answers, vis, unitType))
    if (unitType !== undefined) pushAll(issues, ruleIssues(ix, f, answers, vis, unitType))
  }
  return issues
}

/** The first visible gate answered with its stopping value, or null. */
export function gateStop(def: CampaignDefinition, answers: Answers, unitType?: UnitTypeId | ''): { field: string; message: string } | null {
  const ix = indexOf(def)
  const vis = visibility(ix, answers, unitType)
  for (let i = 0; i < ix.fields.length; i++) {
    const f = ix.fields[i]
    if (f.kind === 'gate' && vis[i] && read(answers, f.id) === f.stopWhen) return { field: f.id, message: f.stopMessage }
  }
  return null
}

function compare(a: number, op: ComparisonOp, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b
    case '>':
      return a > b
    case '<=':
      return a <= b
    case '<':
      return a < b
  }
}

function appliesTo(rule: EligibilityRule, unitType: UnitTypeId | ''): boolean {
  if (!rule.appliesTo) return true
  return unitType !== '' && rule.appliesTo.includes(unitType)
}

const unitOf = (f: FieldDefinition | undefined) => (f && (f.kind === 'amount' || f.kind === 'number') ? f.unit : '')
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * A rule's failure message for the answer `v` of its field, or null when it holds. Not a
 * failure yet: an unanswered or non-numeric answer, or a bound field that is hidden, unanswered
 * or not a number. “…应在1000万元以上，当前填写800万元。”: the rule's own full stop moves after
 * the figures; a bound from another field names that field and its answer.
 */
function ruleFailure(ix: DefIndex, rule: EligibilityRule, field: FieldDefinition, v: number, answers: Answers, vis: boolean[]): string | null {
  let bound: number
  let boundText = ''
  if (typeof rule.value === 'number') bound = rule.value
  else {
    const ref = rule.value
    const p = ref && typeof ref === 'object' ? ix.position.get(ref.field) : undefined
    if (p === undefined || !vis[p]) return null
    const other = read(answers, ref.field)
    if (!finite(other)) return null
    const factor = ref.factor ?? 1
    // Rounded to 10 places: 0.1 × 3 is 0.3 here, as people reckon.
    bound = factor === 1 ? other : Math.round(other * factor * 1e10) / 1e10
    boundText = `，${ix.fields[p].label}为${quantity(other, unitOf(ix.fields[p]), false)}`
  }
  if (compare(v, rule.op, bound)) return null
  return `${rule.message.replace(/[。.\s]+$/u, '')}，当前填写${quantity(v, unitOf(field), false)}${boundText}。`
}

/** Eligibility rule failures on one (visible) field; unanswered or non-numeric answers are not failures. */
function ruleFailures(ix: DefIndex, field: FieldDefinition, answers: Answers, vis: boolean[], unitType: UnitTypeId | ''): EligibilityIssue[] {
  const rules = ix.rulesByField.get(field.id)
  if (!rules) return []
  const v = read(answers, field.id)
  if (!finite(v)) return []
  const out: EligibilityIssue[] = []
  for (const r of rules) {
    if (!appliesTo(r, unitType)) continue
    const message = ruleFailure(ix, r, field, v, answers, vis)
    if (message) out.push({ ruleId: r.id, field: r.field, message })
  }
  return out
}

function ruleIssues(ix: DefIndex, field: FieldDefinition, answers: Answers, vis: boolean[], unitType: UnitTypeId | ''): FieldIssue[] {
  return ruleFailures(ix, field, answers, vis, unitType).map((e) => ({ field: e.field, code: 'INELIGIBLE', message: e.message, rule: e.ruleId }))
}

/**
 * Failed `validations` at one field, as OUT_OF_RANGE with the rule's id. One with `appliesTo`
 * is checked only once the unit type is known and among them.
 */
function checkIssues(ix: DefIndex, field: FieldDefinition, answers: Answers, vis: boolean[], unitType: ApplicantUnitType): FieldIssue[] {
  const rules = ix.checksByField.get(field.id)
  const v = read(answers, field.id)
  if (!rules || !finite(v)) return []
  const out: FieldIssue[] = []
  for (const r of rules) {
    if (r.appliesTo && (unitType === undefined || !appliesTo(r, unitType))) continue
    const message = ruleFailure(ix, r, field, v, answers, vis)
    if (message) out.push({ field: field.id, code: 'OUT_OF_RANGE', message, rule: r.id })
  }
  return out
}

function unitTypeIssue(ix: DefIndex, unitType: UnitTypeId | ''): EligibilityIssue | null {
  if (unitType !== '' && ix.eligibleUnitTypes.has(unitType)) return null
  const message =
    unitType === ''
      ? '请先在单位信息中选择单位类型'
      : `本次征集不接受“${unitTypeLabel(ix.def, unitType)}”类单位填报`
  return { ruleId: UNIT_TYPE_RULE_ID, field: 'unitType', message }
}

/**
 * Who may file: the unit type must be one the campaign accepts (else one issue, rule id
 * `unit-type`, field `unitType`), and every rule that applies to the unit type must hold.
 * Rules with `appliesTo` skip other unit types; unanswered or hidden fields are not
 * failures yet (they are missing, reported by validation).
 */
export function checkEligibility(def: CampaignDefinition, answers: Answers, unitType: UnitTypeId | ''): EligibilityIssue[] {
  const ix = indexOf(def)
  const out: EligibilityIssue[] = []
  const ut = unitTypeIssue(ix, unitType)
  if (ut) out.push(ut)
  if (ix.rulesByField.size === 0) return out
  const vis = visibility(ix, answers, unitType)
  for (let i = 0; i < ix.fields.length; i++) {
    if (vis[i]) pushAll(out, ruleFailures(ix, ix.fields[i], answers, vis, unitType))
  }
  return out
}

/**
 * Everything that stands between the answers and a submission, in form order: the unit
 * type first ('INELIGIBLE'), then each visible field's problems (a stopping gate as
 * 'GATE_STOPPED', failed validations as 'OUT_OF_RANGE') each followed by the eligibility
 * rules on it ('INELIGIBLE'). Fields shown only to other unit types are left out.
 */
export function validateDemand(def: CampaignDefinition, answers: Answers, unitType: UnitTypeId | ''): FieldIssue[] {
  const ix = indexOf(def)
  const issues: FieldIssue[] = []
  const ut = unitTypeIssue(ix, unitType)
  if (ut) issues.push({ field: ut.field, code: 'INELIGIBLE', message: ut.message, rule: ut.ruleId })
  const vis = visibility(ix, answers, unitType)
  for (let i = 0; i < ix.fields.length; i++) {
    if (!vis[i]) continue
    const f = ix.fields[i]
    pushAll(issues, fieldIssues(ix, f, answers, vis, unitType))
    if (ix.rulesByField.size) pushAll(issues, ruleIssues(ix, f, answers, vis, unitType))
  }
  return issues
}

/**
 * Progress over the visible steps. A step is done when none of its required fields is
 * missing and nothing in it is wrong; and no step counts as done while an earlier or the
 * same step holds a gate that is unanswered or stops (or, with `unitType`, a failed
 * eligibility rule): the wizard does not go past those.
 */
export function completeness(def: CampaignDefinition, answers: Answers, unitType?: UnitTypeId | ''): Completeness {
  const ix = indexOf(def)
  const vis = visibility(ix, answers, unitType)
  const steps: StepCompleteness[] = []
  let blocked = false
  let done = 0
  for (const step of def.steps) {
    let any = false
    const missing: string[] = []
    let errors = 0
    let blocks = false
    for (const f of step.fields) {
      if (!vis[ix.position.get(f.id) as number]) continue
      any = true
      const issues = fieldIssues(ix, f, answers, vis, unitType)
      for (const issue of issues) {
        if (issue.code === 'REQUIRED') {
          if (!missing.includes(f.label)) missing.push(f.label)
        } else errors++
      }
      if (f.kind === 'gate' && issues.length) blocks = true
      if (unitType !== undefined) {
        const failures = ruleFailures(ix, f, answers, vis, unitType).length
        if (failures) {
          errors += failures
          blocks = true
        }
      }
    }
    if (!any) continue
    blocked = blocked || blocks
    const ok = !blocked && missing.length === 0 && errors === 0
    if (ok) done++
    steps.push({ id: step.id, title: step.title, done: ok, missing, errors })
  }
  return { steps, done, total: steps.length, complete: steps.length > 0 && done === steps.length }
}

// ─── Submission, title, differences ────────────────────────────────────────

/**
 * What is submitted: the visible fields in form order, values normalised; unanswered
 * optional fields, hidden fields (also those shown only to other unit types, given
 * `unitType`) and keys the definition does not know are left out.
 */
export function submittable(def: CampaignDefinition, answers: Answers, unitType?: UnitTypeId | ''): Answers {
  const ix = indexOf(def)
  const vis = visibility(ix, answers, unitType)
  const out: Answers = {}
  for (let i = 0; i < ix.fields.length; i++) {
    if (!vis[i]) continue
    const f = ix.fields[i]
    const v = normaliseAnswer(f, read(answers, f.id))
    if (!isEmpty(v)) out[f.id] = v
  }
  return out
}

/** The demand's name (see findTitleField), trimmed; '' when not answered. */
export function demandTitle(def: CampaignDefinition, answers: Answers): string {
  const f = indexOf(def).titleField
  if (!f) return ''
  const v = read(answers, f.id)
  return typeof v === 'string' ? v.trim() : ''
}

/**
 * Field-by-field changes between two answer sets, compared as submitted (so hidden
 * answers and whitespace do not count), in form order; absent values are null.
 */
export function diffAnswers(def: CampaignDefinition, a: Answers, b: Answers, unitType?: UnitTypeId | ''): AnswerChange[] {
  const ix = indexOf(def)
  const sa = submittable(def, a, unitType)
  const sb = submittable(def, b, unitType)
  const changes: AnswerChange[] = []
  for (const f of ix.fields) {
    const before = hasOwn.call(sa, f.id) ? sa[f.id] : null
    const after = hasOwn.call(sb, f.id) ? sb[f.id] : null
    if (!sameAnswers(before, after)) changes.push({ field: f.id, label: f.label, before, after })
  }
  return changes
}

/** Deep equality of JSON-like answers: key order does not matter, nor a key whose value is undefined. */
export function sameAnswers(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((v, i) => sameAnswers(v, bb[i]))
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined)
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined)
  return ak.length === bk.length && ak.every((k) => sameAnswers(ao[k], bo[k]))
}

function pushAll<T>(target: T[], items: T[]) {
  for (const x of items) target.push(x)
}
