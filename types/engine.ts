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
 *   so that switching back restores them.
 * - Numbers are never changed: 12.345 for a 2-decimal amount is an error, not 12.35.
 * - Definitions are treated as immutable: lookups are built once per definition object
 *   (WeakMap) on first use.
 */
import type {
  AttachmentType,
  AttachmentsField,
  CampaignDefinition,
  ComparisonOp,
  Condition,
  DomainField,
  EligibilityRule,
  FieldDefinition,
  IndicatorTableField,
  MultiChoiceField,
  NumberField,
  SingleChoiceField,
  StepDefinition,
  TextField,
  TextareaField
} from './campaign'
import { UNIT_TYPE_LABELS, type UnitType } from './domain'

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

/** The answer of a `domain` field: a domain id of the campaign and one of its directions. */
export interface DomainAnswer {
  domain: string
  direction: string
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
  directions: Set<string>
}

interface DefIndex {
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
  for (const d of def.domains) domains.set(d.id, { label: d.label, directions: new Set(d.directions) })
  const rulesByField = new Map<string, EligibilityRule[]>()
  for (const r of def.eligibility) {
    const list = rulesByField.get(r.field)
    if (list) list.push(r)
    else rulesByField.set(r.field, [r])
  }
  ix = {
    fields,
    position,
    stepOfField,
    stepById,
    options,
    domains,
    units: new Set(def.recommenders.units.map((u) => u.id)),
    rulesByField,
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
function isEmpty(v: unknown): boolean {
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

function holds(cond: Condition, answers: Answers): boolean {
  const v = read(answers, cond.field)
  if (cond.equals !== undefined) return v === cond.equals
  if (cond.includes !== undefined) return Array.isArray(v) && v.includes(cond.includes)
  return true
}

/** Visibility of every field in definition order (conditions point at earlier fields). */
function visibility(ix: DefIndex, answers: Answers): boolean[] {
  const out = new Array<boolean>(ix.fields.length)
  for (let i = 0; i < ix.fields.length; i++) {
    const cond = ix.fields[i].visibleIf
    if (!cond) {
      out[i] = true
      continue
    }
    const p = ix.position.get(cond.field)
    out[i] = p !== undefined && p < i && out[p] && holds(cond, answers)
  }
  return out
}

function visibleById(ix: DefIndex, answers: Answers, id: string, depth = 0): boolean {
  const p = ix.position.get(id)
  if (p === undefined) return false
  const cond = ix.fields[p].visibleIf
  if (!cond) return true
  if (depth > ix.fields.length) return false // a cycle; validateDefinition forbids it
  return holds(cond, answers) && visibleById(ix, answers, cond.field, depth + 1)
}

// ─── Visibility API ─────────────────────────────────────────────────────────

/**
 * Whether `field` is shown. `def` is needed to follow chains: a field is hidden when the
 * field its condition names is itself hidden, even if that field still holds an answer.
 */
export function isVisible(field: FieldDefinition, answers: Answers, def: CampaignDefinition): boolean {
  const cond = field.visibleIf
  if (!cond) return true
  return holds(cond, answers) && visibleById(indexOf(def), answers, cond.field)
}

export function visibleFields(def: CampaignDefinition, answers: Answers): FieldDefinition[] {
  const ix = indexOf(def)
  const vis = visibility(ix, answers)
  return ix.fields.filter((_, i) => vis[i])
}

/** Steps with at least one visible field, in order. */
export function visibleSteps(def: CampaignDefinition, answers: Answers): StepDefinition[] {
  const ix = indexOf(def)
  const vis = visibility(ix, answers)
  return def.steps.filter((s) => s.fields.some((f) => vis[ix.position.get(f.id) as number]))
}

// ─── Normalisation ──────────────────────────────────────────────────────────

/**
 * The value as it is validated and submitted: text trimmed (also indicator cells), indicator
 * rows, domain answers and attachment references reduced to their own keys. Numbers,
 * choices and anything of an unexpected shape are returned unchanged (so that validation
 * can report them).
 */
export function normaliseAnswer(field: FieldDefinition, value: unknown): unknown {
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return typeof value === 'string' ? value.trim() : value
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

type Add = (code: IssueCode, message: string, extra?: { row?: number; column?: keyof IndicatorRow }) => void

/** Problems with one field's answer; [] when fine or hidden. */
export function validateField(def: CampaignDefinition, field: FieldDefinition, answers: Answers): FieldIssue[] {
  if (!isVisible(field, answers, def)) return []
  return check(indexOf(def), field, read(answers, field.id))
}

function check(ix: DefIndex, field: FieldDefinition, raw: unknown): FieldIssue[] {
  const issues: FieldIssue[] = []
  const value = normaliseAnswer(field, raw)
  const add: Add = (code, message, extra) => {
    const issue: FieldIssue = { field: field.id, code, message }
    if (extra?.row !== undefined) issue.row = extra.row
    if (extra?.column !== undefined) issue.column = extra.column
    issues.push(issue)
  }
  if (isEmpty(value)) {
    if (field.required) {
      add('REQUIRED', field.kind === 'gate' ? `请回答：${field.label}` : `${field.label}为必填项`)
    }
    return issues
  }
  const label = field.label
  const wrongType = () => add('INVALID_TYPE', `${label}${TYPE_MESSAGES[field.kind]}`)

  switch (field.kind) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') wrongType()
      else checkLength(field, value, add)
      break
    case 'single':
      if (typeof value !== 'string') wrongType()
      else if (!optionsOf(ix, field).has(value)) add('INVALID_CHOICE', choiceMessage(label, value))
      break
    case 'multi':
      checkMulti(ix, field, value, add, wrongType)
      break
    case 'domain':
      checkDomain(ix, field, value, add, wrongType)
      break
    case 'amount':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) wrongType()
      else checkNumber(field, value, add)
      break
    case 'date':
      if (typeof value !== 'string') wrongType()
      else if (!isRealDate(value)) add('INVALID_DATE', `${label}应为有效日期（格式 YYYY-MM-DD）`)
      break
    case 'indicators':
      checkIndicators(field, value, add, wrongType)
      break
    case 'maturity':
      if (typeof value !== 'number' || !Number.isFinite(value)) wrongType()
      else if (!Number.isInteger(value) || value < MATURITY_MIN || value > MATURITY_MAX)
        add('OUT_OF_RANGE', `${label}应为${MATURITY_MIN}至${MATURITY_MAX}级的整数`)
      break
    case 'recommender':
      if (typeof value !== 'string') wrongType()
      else if (!ix.units.has(value)) add('INVALID_CHOICE', `${label}“${value}”不在本次征集的推荐单位名单中`)
      break
    case 'attachments':
      checkAttachments(field, value, add, wrongType)
      break
    case 'gate':
      if (typeof value !== 'boolean') wrongType()
      else if (value === field.stopWhen) add('GATE_STOPPED', field.stopMessage)
      break
  }
  return issues
}

function checkLength(field: TextField | TextareaField, value: string, add: Add) {
  const n = textLength(value)
  if (n > field.maxLength) add('TOO_LONG', `${field.label}不能超过${field.maxLength}字（当前${n}字）`)
  else if (field.kind === 'textarea' && field.minLength !== undefined && n < field.minLength)
    add('TOO_SHORT', `${field.label}不能少于${field.minLength}字（当前${n}字）`)
}

/** Option values; computed on the spot for a field object the definition does not hold. */
function optionsOf(ix: DefIndex, field: SingleChoiceField | MultiChoiceField): Set<string> {
  return ix.options.get(field.id) ?? new Set(field.options.map((o) => o.value))
}

function choiceMessage(label: string, value: string) {
  return `${label}的选项“${value}”不在可选范围内`
}

function checkMulti(ix: DefIndex, field: MultiChoiceField, value: unknown, add: Add, wrongType: () => void) {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return wrongType()
  const allowed = optionsOf(ix, field)
  const seen = new Set<string>()
  for (const v of value as string[]) {
    if (!allowed.has(v)) add('INVALID_CHOICE', choiceMessage(field.label, v))
    else if (seen.has(v)) add('DUPLICATE_CHOICE', `${field.label}的选项“${v}”重复`)
    seen.add(v)
  }
  if (field.minItems !== undefined && value.length < field.minItems)
    add('TOO_FEW', `${field.label}至少选择${field.minItems}项（当前${value.length}项）`)
  if (field.maxItems !== undefined && value.length > field.maxItems)
    add('TOO_MANY', `${field.label}最多选择${field.maxItems}项（当前${value.length}项）`)
}

function checkDomain(ix: DefIndex, field: DomainField, value: unknown, add: Add, wrongType: () => void) {
  if (!isPlainObject(value) || typeof value.domain !== 'string' || typeof value.direction !== 'string') return wrongType()
  const { domain, direction } = value as unknown as DomainAnswer
  const d = ix.domains.get(domain)
  if (!d) return add('INVALID_CHOICE', domain === '' ? `请先选择${field.label}的领域` : `${field.label}：领域“${domain}”不在本次征集范围内`)
  if (direction === '') {
    if (field.directionRequired) add('REQUIRED', `请选择${field.label}的具体方向`)
  } else if (!d.directions.has(direction)) {
    add('INVALID_CHOICE', `${field.label}：方向“${direction}”不属于“${d.label}”领域`)
  }
}

/** "0 万元", "3%" */
function quantity(n: number, unit: string, spaced: boolean) {
  if (unit === '%' || unit === '') return `${n}${unit}`
  return spaced ? `${n} ${unit}` : `${n}${unit}`
}

function checkNumber(field: NumberField, value: number, add: Add) {
  const { min, max, unit, label } = field
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    let range: string
    if (min !== undefined && max !== undefined) {
      range = unit === '%' ? `应在 ${min}% 至 ${max}% 之间` : `应在 ${min} 至 ${quantity(max, unit, true)}之间`
    } else if (min !== undefined) range = `不能小于 ${quantity(min, unit, true)}`
    else range = `不能大于 ${quantity(max as number, unit, true)}`
    add('OUT_OF_RANGE', `${label}${range}`)
  }
  if (decimalPlaces(value) > field.precision)
    add('TOO_PRECISE', field.precision === 0 ? `${label}应为整数` : `${label}最多保留${field.precision}位小数`)
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

function checkIndicators(field: IndicatorTableField, value: unknown, add: Add, wrongType: () => void) {
  // normaliseAnswer rebuilt well-formed rows; anything else came back as it was.
  if (!Array.isArray(value)) return wrongType()
  const label = field.label
  for (let i = 0; i < value.length; i++) {
    const r = value[i]
    if (!isIndicatorRowShape(r)) return add('INVALID_TYPE', `${label}：第${i + 1}行格式不正确`, { row: i })
  }
  const rows = value as IndicatorRow[]
  if (rows.length < field.minRows) add('TOO_FEW', `${label}至少填写${field.minRows}项（当前${rows.length}项）`)
  if (rows.length > field.maxRows) add('TOO_MANY', `${label}最多填写${field.maxRows}项（当前${rows.length}项）`)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    for (const k of INDICATOR_REQUIRED) {
      if (row[k] === '') add('ROW_INCOMPLETE', `${label}：第${i + 1}行指标缺少${INDICATOR_COLUMNS[k]}`, { row: i, column: k })
    }
    for (const k of INDICATOR_KEYS) {
      const n = textLength(row[k])
      if (n > INDICATOR_CELL_MAX)
        add('TOO_LONG', `${label}：第${i + 1}行${INDICATOR_COLUMNS[k]}不能超过${INDICATOR_CELL_MAX}字（当前${n}字）`, { row: i, column: k })
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

function checkAttachments(field: AttachmentsField, value: unknown, add: Add, wrongType: () => void) {
  if (!Array.isArray(value)) return wrongType()
  const label = field.label
  for (let i = 0; i < value.length; i++) {
    if (!isAttachmentShape(value[i])) return add('INVALID_TYPE', `${label}：第${i + 1}个附件信息无效，请删除后重新上传`, { row: i })
  }
  const refs = value as AttachmentRef[]
  if (refs.length > field.maxFiles) add('TOO_MANY', `${label}最多上传${field.maxFiles}个文件（当前${refs.length}个）`)
  const maxBytes = field.maxSizeMB * MIB
  const seen = new Set<string>()
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]
    if (seen.has(r.id)) add('DUPLICATE_FILE', `${label}：“${r.name}”重复上传`, { row: i })
    seen.add(r.id)
    if (!(field.accept as string[]).includes(r.type))
      add('FILE_TYPE_REJECTED', `${label}：“${r.name}”的文件类型不在允许范围内（${field.accept.map((t) => '.' + t).join(' ')}）`, { row: i })
    if (r.size > maxBytes) add('FILE_TOO_LARGE', `${label}：“${r.name}”超过${field.maxSizeMB}MB`, { row: i })
  }
}

// ─── Steps, gates, eligibility, the whole demand ───────────────────────────

function stepOrThrow(ix: DefIndex, stepId: string): StepDefinition {
  const step = ix.stepById.get(stepId)
  if (!step) throw new Error(`未知的步骤：${stepId}`)
  return step
}

/**
 * Problems with the visible fields of one step. With `unitType`, also the eligibility
 * rules on those fields (so the wizard can stop at the step that asks for them).
 */
export function validateStep(
  def: CampaignDefinition,
  stepId: string,
  answers: Answers,
  unitType?: UnitType | ''
): FieldIssue[] {
  const ix = indexOf(def)
  const step = stepOrThrow(ix, stepId)
  const vis = visibility(ix, answers)
  const issues: FieldIssue[] = []
  for (const f of step.fields) {
    if (!vis[ix.position.get(f.id) as number]) continue
    pushAll(issues, check(ix, f, read(answers, f.id)))
    if (unitType !== undefined) pushAll(issues, ruleIssues(ix, f, answers, unitType))
  }
  return issues
}

/** The first visible gate answered with its stopping value, or null. */
export function gateStop(def: CampaignDefinition, answers: Answers): { field: string; message: string } | null {
  const ix = indexOf(def)
  const vis = visibility(ix, answers)
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

function appliesTo(rule: EligibilityRule, unitType: UnitType | ''): boolean {
  if (!rule.appliesTo) return true
  return unitType !== '' && rule.appliesTo.includes(unitType)
}

/** Rule failures on one (visible) field; unanswered or non-numeric answers are not failures. */
function ruleFailures(ix: DefIndex, field: FieldDefinition, answers: Answers, unitType: UnitType | ''): EligibilityIssue[] {
  const rules = ix.rulesByField.get(field.id)
  if (!rules) return []
  const v = read(answers, field.id)
  if (typeof v !== 'number' || !Number.isFinite(v)) return []
  const unit = field.kind === 'amount' || field.kind === 'number' ? field.unit : ''
  const out: EligibilityIssue[] = []
  for (const r of rules) {
    if (appliesTo(r, unitType) && !compare(v, r.op, r.value))
      // “…应在1000万元以上，当前填写800万元。”: the rule's own full stop moves after the figure.
      out.push({ ruleId: r.id, field: r.field, message: `${r.message.replace(/[。.\s]+$/u, '')}，当前填写${quantity(v, unit, false)}。` })
  }
  return out
}

function ruleIssues(ix: DefIndex, field: FieldDefinition, answers: Answers, unitType: UnitType | ''): FieldIssue[] {
  return ruleFailures(ix, field, answers, unitType).map((e) => ({ field: e.field, code: 'INELIGIBLE', message: e.message, rule: e.ruleId }))
}

function unitTypeIssue(ix: DefIndex, unitType: UnitType | ''): EligibilityIssue | null {
  if (unitType !== '' && ix.eligibleUnitTypes.has(unitType)) return null
  const message =
    unitType === ''
      ? '请先在单位信息中选择单位类型'
      : `本次征集不接受“${UNIT_TYPE_LABELS[unitType] ?? unitType}”类单位填报`
  return { ruleId: UNIT_TYPE_RULE_ID, field: 'unitType', message }
}

/**
 * Who may file: the unit type must be one the campaign accepts (else one issue, rule id
 * `unit-type`, field `unitType`), and every rule that applies to the unit type must hold.
 * Rules with `appliesTo` skip other unit types; unanswered or hidden fields are not
 * failures yet (they are missing, reported by validation).
 */
export function checkEligibility(def: CampaignDefinition, answers: Answers, unitType: UnitType | ''): EligibilityIssue[] {
  const ix = indexOf(def)
  const out: EligibilityIssue[] = []
  const ut = unitTypeIssue(ix, unitType)
  if (ut) out.push(ut)
  if (ix.rulesByField.size === 0) return out
  const vis = visibility(ix, answers)
  for (let i = 0; i < ix.fields.length; i++) {
    if (vis[i]) pushAll(out, ruleFailures(ix, ix.fields[i], answers, unitType))
  }
  return out
}

/**
 * Everything that stands between the answers and a submission, in form order: the unit
 * type first ('INELIGIBLE'), then each visible field's problems (a stopping gate as
 * 'GATE_STOPPED') each followed by the eligibility rules on it ('INELIGIBLE').
 */
export function validateDemand(def: CampaignDefinition, answers: Answers, unitType: UnitType | ''): FieldIssue[] {
  const ix = indexOf(def)
  const issues: FieldIssue[] = []
  const ut = unitTypeIssue(ix, unitType)
  if (ut) issues.push({ field: ut.field, code: 'INELIGIBLE', message: ut.message, rule: ut.ruleId })
  const vis = visibility(ix, answers)
  for (let i = 0; i < ix.fields.length; i++) {
    if (!vis[i]) continue
    const f = ix.fields[i]
    pushAll(issues, check(ix, f, read(answers, f.id)))
    if (ix.rulesByField.size) pushAll(issues, ruleIssues(ix, f, answers, unitType))
  }
  return issues
}

/**
 * Progress over the visible steps. A step is done when none of its required fields is
 * missing and nothing in it is wrong; and no step counts as done while an earlier or the
 * same step holds a gate that is unanswered or stops (or, with `unitType`, a failed
 * eligibility rule): the wizard does not go past those.
 */
export function completeness(def: CampaignDefinition, answers: Answers, unitType?: UnitType | ''): Completeness {
  const ix = indexOf(def)
  const vis = visibility(ix, answers)
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
      const issues = check(ix, f, read(answers, f.id))
      for (const issue of issues) {
        if (issue.code === 'REQUIRED') {
          if (!missing.includes(f.label)) missing.push(f.label)
        } else errors++
      }
      if (f.kind === 'gate' && issues.length) blocks = true
      if (unitType !== undefined) {
        const failures = ruleFailures(ix, f, answers, unitType).length
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
 * optional fields, hidden fields and keys the definition does not know are left out.
 */
export function submittable(def: CampaignDefinition, answers: Answers): Answers {
  const ix = indexOf(def)
  const vis = visibility(ix, answers)
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
export function diffAnswers(def: CampaignDefinition, a: Answers, b: Answers): AnswerChange[] {
  const ix = indexOf(def)
  const sa = submittable(def, a)
  const sb = submittable(def, b)
  const changes: AnswerChange[] = []
  for (const f of ix.fields) {
    const before = hasOwn.call(sa, f.id) ? sa[f.id] : null
    const after = hasOwn.call(sb, f.id) ? sb[f.id] : null
    if (!deepEqual(before, after)) changes.push({ field: f.id, label: f.label, before, after })
  }
  return changes
}

function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
  if (Array.isArray(x) !== Array.isArray(y)) return false
  if (Array.isArray(x)) {
    const ya = y as unknown[]
    return x.length === ya.length && x.every((v, i) => deepEqual(v, ya[i]))
  }
  const xo = x as Record<string, unknown>
  const yo = y as Record<string, unknown>
  const xk = Object.keys(xo)
  if (xk.length !== Object.keys(yo).length) return false
  return xk.every((k) => hasOwn.call(yo, k) && deepEqual(xo[k], yo[k]))
}

function pushAll<T>(target: T[], items: T[]) {
  for (const x of items) target.push(x)
}
