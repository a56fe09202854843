/**
 * Validator of campaign definitions: every problem comes with the path of the bad key,
 * e.g. `steps[2].fields[0].maxLength: 应为正整数`. First the shape, by walking the schema the
 * types come from (types/definition-schema.ts); then the rules between parts (references,
 * duplicates, quotas, dates in order), each on parts whose shape is right, so that no
 * problem is reported twice.
 */
import * as S from './definition-schema'
import type { CampaignDefinition, FieldKind } from './campaign'
import { UNIT_TYPES } from './domain'
import { isCalendarDay } from './time'
import { isClockTime, offsetMs } from './reminders'
import { PROFILE_MEANINGS } from './carry-over'

export interface DefinitionProblem {
  path: string
  message: string
}

export type DefinitionResult =
  | { ok: true; definition: CampaignDefinition }
  | { ok: false; problems: DefinitionProblem[] }

type Obj = Record<string, unknown>
type Fail = (path: string, message: string) => void

/** A schema as the walk reads it: JSON Schema and the keywords definition-schema.ts adds. */
interface Node {
  type?: string
  properties?: Record<string, Node>
  required?: string[]
  additionalProperties?: boolean
  patternProperties?: Record<string, Node>
  items?: Node
  minItems?: number
  anyOf?: Node[]
  enum?: readonly unknown[]
  const?: unknown
  minimum?: number
  exclusiveMinimum?: number
  pattern?: string
  format?: keyof typeof FORMATS
  text?: boolean
  message?: string
  discriminator?: string
}

const FORMATS = {
  day: { test: isCalendarDay, message: '应为日期 YYYY-MM-DD' },
  clock: { test: isClockTime, message: '应为时刻 HH:MM' },
  offset: { test: (s: string) => offsetMs(s) !== null, message: '应为提前量，如 7d、2h、30m（最长60天）' }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
const node = (schema: unknown) => schema as Node

/** Every problem of shape of `v` against `schema`, in document order. */
function walk(schema: Node, v: unknown, path: string, fail: Fail): void {
  if (schema.anyOf) return walkUnion(schema, v, path, fail)
  if (schema.type === 'object') {
    if (!isObj(v)) return fail(path || '(根)', schema.message ?? '应为对象')
    const properties = schema.properties ?? {}
    if (schema.additionalProperties === false) for (const k of Object.keys(v)) if (!(k in properties)) fail(join(path, k), '未知的键')
    for (const [k, child] of Object.entries(properties)) {
      if (v[k] !== undefined || schema.required?.includes(k)) walk(child, v[k], join(path, k), fail)
    }
    for (const child of Object.values(schema.patternProperties ?? {})) for (const [k, x] of Object.entries(v)) walk(child, x, join(path, k), fail)
    return
  }
  if (schema.type === 'array') {
    if (!Array.isArray(v)) return fail(path, '应为数组')
    const min = schema.minItems ?? 0
    if (v.length < min) fail(path, min > 1 ? `至少需要 ${min} 项` : '不能为空')
    v.forEach((x, i) => walk(schema.items!, x, `${path}[${i}]`, fail))
    return
  }
  const problem = valueProblem(schema, v)
  if (problem) fail(path, problem)
}

/** A union: the branch its discriminator names, else the branch for an object or a list, else a value fitting one branch. */
function walkUnion(schema: Node, v: unknown, path: string, fail: Fail): void {
  const branches = schema.anyOf!
  const key = schema.discriminator
  if (key) {
    if (!isObj(v)) return fail(path, '应为对象')
    const branch = branches.find((b) => b.properties?.[key]?.const === v[key])
    if (!branch) return fail(join(path, key), `应为以下之一：${branches.map((b) => b.properties?.[key]?.const).join('、')}`)
    return walk(branch, v, path, fail)
  }
  const branch = branches.find((b) => (b.type === 'object' && isObj(v)) || (b.type === 'array' && Array.isArray(v)))
  if (branch) return walk(branch, v, path, fail)
  const values = branches.filter((b) => b.type !== 'object' && b.type !== 'array')
  if (!values.some((b) => valueProblem(b, v) === null)) fail(path, schema.message ?? valueProblem(values[0] ?? branches[0], v) ?? '应为对象')
}

/** The problem with a value that is not an object or a list, or null when it fits. */
function valueProblem(schema: Node, v: unknown): string | null {
  const own = (fallback: string) => schema.message ?? fallback
  if (schema.enum) return schema.enum.includes(v) ? null : `应为以下之一：${schema.enum.join('、')}`
  if (schema.const !== undefined) return v === schema.const ? null : own(`只能为 ${String(schema.const)}`)
  switch (schema.type) {
    case 'string':
      // A string's `message` names what its pattern asks; without a pattern, what the string must be.
      if (typeof v !== 'string' || (schema.text && !v.trim())) {
        const problem = schema.text ? '应为非空文本' : '应为文本'
        return schema.pattern ? problem : own(problem)
      }
      if (schema.format && !FORMATS[schema.format].test(v)) return own(FORMATS[schema.format].message)
      if (schema.pattern && !new RegExp(schema.pattern).test(v)) return own('格式不正确')
      return null
    case 'integer':
      if (typeof v === 'number' && Number.isInteger(v) && v >= (schema.minimum ?? -Infinity)) return null
      return own(schema.minimum === 0 ? '应为不小于0的整数' : '应为正整数')
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v) && (schema.exclusiveMinimum === undefined || v > schema.exclusiveMinimum)) return null
      return own('应为数字')
    case 'boolean':
      return typeof v === 'boolean' ? null : own('应为 true 或 false')
    case 'null':
      return v === null ? null : own('应为 null')
    default:
      return null
  }
}

/** Whether a value has the shape of a schema (the walk found nothing). */
function fits(schema: unknown, v: unknown): boolean {
  let problems = 0
  walk(node(schema), v, '', () => problems++)
  return problems === 0
}

/** The keys every field may have, and those of each kind (the studio edits fields by them). */
const FIELD_BRANCHES = node(S.FieldDefinition).anyOf!
export const FIELD_BASE_KEYS: readonly string[] = Object.keys(S.DateField.properties)
export const FIELD_KEYS = Object.fromEntries(
  FIELD_BRANCHES.map((b) => [b.properties!.kind.const, Object.keys(b.properties!).filter((k) => !FIELD_BASE_KEYS.includes(k))])
) as Readonly<Record<FieldKind, readonly string[]>>

const NUMERIC_KINDS: FieldKind[] = ['amount', 'number']
/** Kinds a `visibleIf.field` may name: their answers are compared with equals / includes. */
const CONDITION_KINDS: FieldKind[] = ['single', 'multi', 'gate']
/** Kinds a recommending unit's field may not have: the enterprise's choices, a wizard's stop, tables. */
const NOT_FOR_RECOMMENDERS: FieldKind[] = ['recommender', 'gate', 'domain', 'indicators']
const PROFILE_KEYS = ['enterpriseName', 'creditCode', 'contactName', 'mobile', 'unitType']

export function validateDefinition(input: unknown): DefinitionResult {
  const problems: DefinitionProblem[] = []
  const fail: Fail = (path, message) => void problems.push({ path, message })
  walk(node(S.CampaignDefinition), input, '', fail)
  if (isObj(input)) checkRelations(input, fail)
  return problems.length ? { ok: false, problems } : { ok: true, definition: input as unknown as CampaignDefinition }
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const idOf = (v: unknown): string | undefined => (isObj(v) && typeof v.id === 'string' ? v.id : undefined)

/** Reports each value equal to an earlier one, at `at(i)`. */
function repeated(values: Array<string | undefined>, at: (i: number) => string, say: (value: string) => string, fail: Fail): void {
  const seen = new Set<string>()
  values.forEach((v, i) => {
    if (v === undefined) return
    if (seen.has(v)) fail(at(i), say(v))
    seen.add(v)
  })
}
const repeatedIds = (items: unknown[], path: string, what: string, fail: Fail) =>
  repeated(items.map(idOf), (i) => `${path}[${i}].id`, (id) => `${what}“${id}”重复`, fail)

/** What the fields before the one being checked are: conditions may only point back at them. */
interface FieldScope {
  kinds: Map<string, FieldKind>
  /** choice field id → its option values */
  options: Map<string, string[]>
  /** meaning → the field that has it */
  meanings: Map<string, string>
}
const newScope = (): FieldScope => ({ kinds: new Map(), options: new Map(), meanings: new Map() })

/** The rules between the parts of a definition whose shape the walk has checked. */
function checkRelations(root: Obj, fail: Fail): void {
  list(root.coIssuers).forEach((v, i) => {
    if (text(v) && v === root.issuer) fail(`coIssuers[${i}]`, '联合发布单位不能与发布单位相同')
  })
  const deadlines = isObj(root.deadlines) ? root.deadlines : {}
  const day = (v: unknown) => (typeof v === 'string' && isCalendarDay(v) ? v : undefined)
  const [enterprise, recommender, opensOn] = [day(deadlines.enterprise), day(deadlines.recommender), day(root.opensOn)]
  if (enterprise && recommender && recommender < enterprise) fail('deadlines.recommender', '推荐截止日期不能早于填报截止日期')
  if (enterprise && opensOn && opensOn > enterprise) fail('opensOn', '开始日期不能晚于填报截止日期')

  // Unit types: the global list plus those the campaign declares; any other is one nobody has.
  const knownUnitTypes: string[] = [...UNIT_TYPES]
  const declared = list(root.unitTypes)
  declared.forEach((t, i) => {
    const id = idOf(t)
    if (!fits(S.DeclaredUnitType.properties.id, id)) return
    if ((UNIT_TYPES as readonly string[]).includes(id!)) fail(`unitTypes[${i}].id`, `“${id}”已是通用单位类型，无需声明`)
    else knownUnitTypes.push(id!)
  })
  repeatedIds(declared, 'unitTypes', '单位类型', fail)
  const unitTypeRefs = (v: unknown, path: string) => {
    const refs = list(v)
    refs.forEach((t, i) => {
      if (!text(t)) return
      if (!knownUnitTypes.includes(t as string)) fail(`${path}[${i}]`, `未知的单位类型“${t}”：既不是通用单位类型，也未在 unitTypes 中声明`)
      if (refs.indexOf(t) !== i) fail(`${path}[${i}]`, `单位类型“${t}”重复`)
    })
  }
  unitTypeRefs(root.eligibleUnitTypes, 'eligibleUnitTypes')
  const limit = isObj(root.demandLimit) ? root.demandLimit : {}
  if (isObj(limit.byUnitType))
    for (const k of Object.keys(limit.byUnitType)) if (!knownUnitTypes.includes(k)) fail(`demandLimit.byUnitType.${k}`, '未知的键')

  const domains = list(root.domains)
  domains.forEach((d, i) => {
    if (!isObj(d)) return
    const labels = list(d.directions).map((x) => text(isObj(x) ? x.label : x))
    repeated(labels, (j) => `domains[${i}].directions[${j}]`, (label) => `方向“${label}”重复`, fail)
  })
  repeatedIds(domains, 'domains', '领域', fail)

  const recommenders = isObj(root.recommenders) ? root.recommenders : {}
  const recommenderTypes = list(recommenders.unitTypes)
  repeatedIds(recommenderTypes, 'recommenders.unitTypes', '推荐单位类型', fail)
  const recommenderTypeIds = recommenderTypes.map((t) => text(idOf(t))).filter((id): id is string => id !== undefined)
  const oneOfRecommenderTypes = (v: unknown, path: string) => {
    if (typeof v === 'string' && !recommenderTypeIds.includes(v)) fail(path, `应为以下之一：${recommenderTypeIds.join('、')}`)
  }
  const units = list(recommenders.units)
  units.forEach((u, i) => isObj(u) && oneOfRecommenderTypes(u.type, `recommenders.units[${i}].type`))
  repeatedIds(units, 'recommenders.units', '推荐单位', fail)

  /**
   * A condition names an earlier single / multi / gate field (so never a field of a later step)
   * with equals or includes of one of its values, and/or unit types somebody can have.
   */
  const checkCondition = (c: Obj, cp: string, scope: FieldScope) => {
    if (c.unitType !== undefined) unitTypeRefs(c.unitType, `${cp}.unitType`)
    if (c.field === undefined) {
      if (c.unitType === undefined) fail(cp, '须给出 field（及 equals 或 includes）或 unitType')
      else if (c.equals !== undefined || c.includes !== undefined) fail(`${cp}.field`, '给出 equals 或 includes 时须指明 field')
      return
    }
    if (typeof c.field !== 'string') return
    const kind = scope.kinds.get(c.field)
    if (kind === undefined) return void fail(`${cp}.field`, '应指向本字段之前已定义的字段')
    if ((c.equals === undefined) === (c.includes === undefined)) return void fail(cp, '须且只能给出 equals 或 includes 之一')
    if (!CONDITION_KINDS.includes(kind)) return void fail(`${cp}.field`, '条件只能指向单选、多选或是/否（gate）字段')
    const values = scope.options.get(c.field) ?? []
    const known = (x: unknown) => typeof x === 'string' && values.includes(x)
    const valuesText = `应为字段“${c.field}”的选项值之一：${values.join('、')}`
    if (kind === 'gate') {
      if (c.includes !== undefined) fail(`${cp}.includes`, 'includes 只适用于多选字段')
      else if (typeof c.equals !== 'boolean') fail(`${cp}.equals`, '是/否字段的条件应为 true 或 false')
    } else if (kind === 'single') {
      if (c.includes !== undefined) fail(`${cp}.includes`, 'includes 只适用于多选字段')
      else if (!known(c.equals)) fail(`${cp}.equals`, valuesText)
    } else if (c.equals !== undefined) fail(`${cp}.equals`, '多选字段的条件请用 includes')
    else if (!known(c.includes)) fail(`${cp}.includes`, valuesText)
  }

  const checkField = (f: unknown, fp: string, scope: FieldScope) => {
    if (!isObj(f) || !(typeof f.kind === 'string' && f.kind in FIELD_KEYS)) return
    const kind = f.kind as FieldKind
    const id = text(f.id)
    if (id && scope.kinds.has(id)) fail(`${fp}.id`, `字段“${id}”重复`)
    if (isObj(f.visibleIf)) checkCondition(f.visibleIf, `${fp}.visibleIf`, scope)
    if (typeof f.meaning === 'string') {
      const holder = scope.meanings.get(f.meaning)
      if (holder !== undefined) fail(`${fp}.meaning`, `含义“${f.meaning}”已用于字段“${holder}”`)
      else scope.meanings.set(f.meaning, id ?? '')
      if (Object.prototype.hasOwnProperty.call(PROFILE_MEANINGS, f.meaning) && kind !== 'text') fail(`${fp}.meaning`, '单位名称和联系人信息取自单位信息，只能用于文本字段')
    }
    const lessOrEqual = (low: string, high: string, valid: (v: unknown) => boolean) => {
      if (valid(f[low]) && valid(f[high]) && (f[low] as number) > (f[high] as number)) fail(`${fp}.${low}`, `不能大于 ${high}`)
    }
    switch (kind) {
      case 'single':
      case 'multi': {
        const options = list(f.options)
        repeated(options.map((o) => (isObj(o) ? text(o.value) : undefined)), (k) => `${fp}.options[${k}].value`, (v) => `选项值“${v}”重复`, fail)
        let other = false
        options.forEach((o, k) => {
          if (!isObj(o)) return
          if (o.other === true && other) fail(`${fp}.options[${k}].other`, '每个字段只能有一个“其他”选项')
          if (o.other === true) other = true
          if (o.otherMaxLength !== undefined && o.other !== true) fail(`${fp}.options[${k}].otherMaxLength`, '只适用于 other 为 true 的选项')
        })
        if (kind === 'multi') lessOrEqual('minItems', 'maxItems', isInt)
        break
      }
      case 'domain':
        if (domains.length === 0) fail(fp, '领域字段需要活动定义 domains')
        break
      case 'amount':
      case 'number':
        lessOrEqual('min', 'max', isNum)
        break
      case 'indicators':
        lessOrEqual('minRows', 'maxRows', isInt)
        break
      case 'recommender':
        if (units.length === 0) fail(fp, '推荐单位字段需要 recommenders.units')
        list(f.routes).forEach((r, k) => {
          if (!isObj(r)) return
          if (isObj(r.when)) checkCondition(r.when, `${fp}.routes[${k}].when`, scope)
          list(r.unitTypes).forEach((t, m) => oneOfRecommenderTypes(t, `${fp}.routes[${k}].unitTypes[${m}]`))
        })
        break
    }
    if (!id) return
    scope.kinds.set(id, kind)
    if ((kind === 'single' || kind === 'multi') && Array.isArray(f.options)) scope.options.set(id, f.options.filter(isObj).map((o) => String(o.value)))
  }

  // Steps and fields: ids unique across the whole campaign; conditions point at earlier fields.
  const enterpriseFields = newScope()
  const steps = list(root.steps)
  steps.forEach((s, i) => isObj(s) && list(s.fields).forEach((f, j) => checkField(f, `steps[${i}].fields[${j}]`, enterpriseFields)))
  repeatedIds(steps, 'steps', '步骤', fail)

  // What the recommending unit fills: fields as a step's, with ids apart from the enterprise's.
  const recommenderFields = newScope()
  list(recommenders.fields).forEach((f, j) => {
    const fp = `recommenders.fields[${j}]`
    checkField(f, fp, recommenderFields)
    if (!isObj(f)) return
    if (NOT_FOR_RECOMMENDERS.includes(f.kind as FieldKind)) fail(`${fp}.kind`, `推荐单位的填写项不能是以下类型：${NOT_FOR_RECOMMENDERS.join('、')}`)
    if (typeof f.id === 'string' && enterpriseFields.kinds.has(f.id)) fail(`${fp}.id`, `字段“${f.id}”与企业填报的字段重复`)
    if (f.meaning !== undefined) fail(`${fp}.meaning`, '含义只用于企业填报的字段')
  })

  const itemIds = (v: unknown, path: string, what: string) => {
    const items = list(v)
    repeatedIds(items, path, what, fail)
    return new Set(items.map(idOf).filter((id) => fits(S.LabelledItem.properties.id, id)) as string[])
  }
  const signOffIds = itemIds(recommenders.signOffs, 'recommenders.signOffs', '会签部门')
  const deliverableIds = itemIds(root.deliverables, 'deliverables', '报送材料')

  // Sub-quotas: a max within the type's quota; conditions on the enterprise's fields, as visibleIf, with values those fields can take.
  const checkQuotaCondition = (c: unknown, cp: string) => {
    if (!isObj(c) || typeof c.field !== 'string') return
    const kind = enterpriseFields.kinds.get(c.field)
    if (!kind) return void fail(`${cp}.field`, '应指向企业填报的字段')
    if (!CONDITION_KINDS.includes(kind)) return void fail(`${cp}.field`, '条件只能指向单选、多选或是/否（gate）字段')
    if ((c.equals === undefined) === (c.includes === undefined)) return void fail(cp, '须且只能给出 equals 或 includes 之一')
    if (c.includes !== undefined && kind !== 'multi') return void fail(`${cp}.includes`, 'includes 只适用于多选字段')
    if (c.equals !== undefined && kind === 'multi') return void fail(`${cp}.equals`, '多选字段的条件请用 includes')
    const values = enterpriseFields.options.get(c.field)
    const key = c.includes !== undefined ? 'includes' : 'equals'
    if (values && !values.includes(c[key] as string)) fail(`${cp}.${key}`, `应为字段“${c.field}”的选项值之一：${values.join('、')}`)
  }
  recommenderTypes.forEach((t, i) => {
    if (!isObj(t)) return
    const p = `recommenders.unitTypes[${i}]`
    const quotas = list(t.subQuotas)
    quotas.forEach((q, k) => {
      if (!isObj(q)) return
      const qp = `${p}.subQuotas[${k}]`
      if (isInt(q.max) && isInt(t.quota) && q.max > t.quota) fail(`${qp}.max`, `不能超过该类型的推荐名额（${t.quota}项）`)
      if (Array.isArray(q.when)) q.when.forEach((c, m) => checkQuotaCondition(c, `${qp}.when[${m}]`))
      else checkQuotaCondition(q.when, `${qp}.when`)
    })
    repeatedIds(quotas, `${p}.subQuotas`, '分项名额', fail)
  })

  // Eligibility rules and validations: a numeric field compared with a number or another numeric field.
  const isNumericField = (id: unknown) => typeof id === 'string' && NUMERIC_KINDS.includes(enterpriseFields.kinds.get(id)!)
  const rules = [...list(root.eligibility).map((r, i) => [r, `eligibility[${i}]`] as const), ...list(root.validations).map((r, i) => [r, `validations[${i}]`] as const)]
  repeated(rules.map(([r]) => text(idOf(r))), (i) => `${rules[i][1]}.id`, (id) => `规则“${id}”重复`, fail)
  for (const [r, p] of rules) {
    if (!isObj(r)) continue
    if (isObj(r.value) && typeof r.value.field === 'string') {
      if (!isNumericField(r.value.field)) fail(`${p}.value.field`, '应指向一个数值或金额字段')
      else if (r.value.field === r.field) fail(`${p}.value.field`, '不能与 field 相同')
    }
    if (typeof r.field === 'string' && !isNumericField(r.field)) fail(`${p}.field`, '应指向一个数值或金额字段')
    if (r.appliesTo !== undefined) unitTypeRefs(r.appliesTo, `${p}.appliesTo`)
  }

  const hasKeyMark = isObj(recommenders.keyMark)
  const recommenderFieldIds = [...recommenderFields.kinds.keys()]
  list(root.summaryColumns).forEach((c, i) => {
    if (!isObj(c) || typeof c.source !== 'string') return
    const problem = sourceProblem(c.source, {
      fields: enterpriseFields,
      hasKeyMark,
      recommenderFieldIds,
      signOffIds,
      deliverableIds
    })
    if (problem) fail(`summaryColumns[${i}].source`, problem)
  })

  const reminders = isObj(root.reminders) ? root.reminders : {}
  for (const audience of ['enterprise', 'recommender'] as const) {
    const offsets = list(reminders[audience])
    repeated(offsets.map(text), (i) => `reminders.${audience}[${i}]`, (o) => `提前量“${o}”重复`, fail)
  }
  const quiet = reminders.quietHours
  if (isObj(quiet) && fits(S.QuietHours, quiet) && quiet.start === quiet.end) fail('reminders.quietHours', '开始和结束不能相同')
}

/** What a summary column's source must name: a column the campaign can fill. */
function sourceProblem(
  source: string,
  known: { fields: FieldScope; hasKeyMark: boolean; recommenderFieldIds: string[]; signOffIds: Set<string>; deliverableIds: Set<string> }
): string | null {
  const prefix = source.split(':')[0]
  const key = source.slice(prefix.length + 1)
  switch (prefix) {
    case 'keyRecommended':
      return known.hasKeyMark ? null : '活动未设置重点推荐（recommenders.keyMark），不能导出此列'
    case 'recommender':
      return known.recommenderFieldIds.includes(key) || (key.startsWith('signoff:') && known.signOffIds.has(key.slice(8)))
        ? null
        : '应为 recommender:<推荐单位填写项>（recommenders.fields 中的字段，或 signoff:<会签部门>）'
    case 'deliverable':
      return known.deliverableIds.has(key) ? null : '应为 deliverable:<deliverables 中的报送材料>'
    default: {
      const ok =
        source === 'rank' ||
        source === 'unit' ||
        (prefix === 'field' && known.fields.kinds.has(key)) ||
        (prefix === 'profile' && PROFILE_KEYS.includes(key))
      return ok ? null : '应为 rank、unit、field:<已定义字段> 或 profile:<资料项>'
    }
  }
}
