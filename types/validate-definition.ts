/**
 * Validator of campaign definitions: every problem comes with the path of the bad key,
 * e.g. `steps[2].fields[0].maxLength: 应为正整数`.
 */
import { ATTACHMENT_TYPES, SUPPORTED_TIMEZONES, TEXT_FORMATS, type CampaignDefinition, type FieldKind } from './campaign'
import { isCalendarDay } from './time'
import { UNIT_TYPES } from './domain'
import { isClockTime, offsetMs } from './reminders'

export interface DefinitionProblem {
  path: string
  message: string
}

export type DefinitionResult =
  | { ok: true; definition: CampaignDefinition }
  | { ok: false; problems: DefinitionProblem[] }

type Obj = Record<string, unknown>

/** The keys every field may have; those of each kind are in FIELD_KEYS (the studio edits fields by them). */
export const FIELD_BASE_KEYS: readonly string[] = ['id', 'kind', 'label', 'help', 'placeholder', 'required', 'visibleIf']
export const FIELD_KEYS: Readonly<Record<FieldKind, readonly string[]>> = {
  text: ['maxLength', 'format'],
  textarea: ['maxLength', 'minLength'],
  single: ['options'],
  multi: ['options', 'minItems', 'maxItems'],
  domain: ['directionRequired'],
  amount: ['unit', 'min', 'max', 'precision'],
  number: ['unit', 'min', 'max', 'precision'],
  date: [],
  indicators: ['minRows', 'maxRows'],
  maturity: [],
  recommender: ['routes', 'byRegion'],
  attachments: ['maxFiles', 'maxSizeMB', 'accept'],
  gate: ['stopWhen', 'stopMessage']
}
const NUMERIC_KINDS: FieldKind[] = ['amount', 'number']
const SLUG = /^[a-z0-9][a-z0-9-]*$/
const FIELD_ID = /^[a-zA-Z][a-zA-Z0-9_]*$/
const UNIT_TYPE_ID = /^[a-z][a-z0-9_-]*$/
/** Kinds a `visibleIf.field` may name: their answers are compared with equals / includes. */
const CONDITION_KINDS: FieldKind[] = ['single', 'multi', 'gate']

export function validateDefinition(input: unknown): DefinitionResult {
  const problems: DefinitionProblem[] = []
  const fail = (path: string, message: string) => problems.push({ path, message })

  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
  const obj = (v: unknown, path: string, keys: string[]): Obj | null => {
    if (!isObj(v)) {
      fail(path || '(根)', '应为对象')
      return null
    }
    for (const k of Object.keys(v)) if (!keys.includes(k)) fail(join(path, k), '未知的键')
    return v
  }
  const arr = (v: unknown, path: string, nonEmpty = true): unknown[] => {
    if (!Array.isArray(v)) {
      fail(path, '应为数组')
      return []
    }
    if (nonEmpty && v.length === 0) fail(path, '不能为空')
    return v
  }
  const str = (o: Obj, key: string, path: string, optional = false): string | undefined => {
    const v = o[key]
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || v.trim() === '') fail(join(path, key), '应为非空文本')
    return typeof v === 'string' ? v : undefined
  }
  const int = (o: Obj, key: string, path: string, { optional = false, min = 1 } = {}): number | undefined => {
    const v = o[key]
    if (v === undefined && optional) return undefined
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      fail(join(path, key), min === 0 ? '应为不小于0的整数' : '应为正整数')
      return undefined
    }
    return v
  }
  const num = (o: Obj, key: string, path: string, optional = false): number | undefined => {
    const v = o[key]
    if (v === undefined && optional) return undefined
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(join(path, key), '应为数字')
    return typeof v === 'number' ? v : undefined
  }
  const bool = (o: Obj, key: string, path: string, optional = false) => {
    if (o[key] === undefined && optional) return
    if (typeof o[key] !== 'boolean') fail(join(path, key), '应为 true 或 false')
  }
  const day = (o: Obj, key: string, path: string, optional = false): string | undefined => {
    const v = o[key]
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || !isCalendarDay(v)) {
      fail(join(path, key), '应为日期 YYYY-MM-DD')
      return undefined
    }
    return v
  }
  const oneOf = (v: unknown, allowed: readonly string[], path: string) => {
    if (typeof v !== 'string' || !allowed.includes(v)) fail(path, `应为以下之一：${allowed.join('、')}`)
  }
  const unique = (ids: Array<string | undefined>, path: string, what: string) => {
    const seen = new Set<string>()
    ids.forEach((id, i) => {
      if (id === undefined) return
      if (seen.has(id)) fail(`${path}[${i}].id`, `${what}“${id}”重复`)
      seen.add(id)
    })
  }

  const root = obj(input, '', [
    'id', 'title', 'issuer', 'coIssuers', 'tagline', 'summary', 'notice', 'timezone', 'opensOn', 'deadlines',
    'unitTypes', 'eligibleUnitTypes', 'eligibility', 'validations', 'demandLimit', 'domains', 'recommenders', 'contacts', 'steps',
    'summaryColumns', 'reminders', 'deliverables', 'templates'
  ])
  if (!root) return { ok: false, problems }

  const id = str(root, 'id', '')
  if (id !== undefined && !SLUG.test(id)) fail('id', '只能包含小写字母、数字和连字符')
  for (const k of ['title', 'issuer', 'tagline', 'summary', 'notice']) str(root, k, '')
  if (root.coIssuers !== undefined) {
    arr(root.coIssuers, 'coIssuers', false).forEach((v, i) => {
      if (typeof v !== 'string' || !v.trim()) fail(`coIssuers[${i}]`, '应为非空文本')
      else if (v === root.issuer) fail(`coIssuers[${i}]`, '联合发布单位不能与发布单位相同')
    })
  }
  oneOf(root.timezone, SUPPORTED_TIMEZONES, 'timezone')
  const opensOn = day(root, 'opensOn', '', true)
  const deadlines = obj(root.deadlines, 'deadlines', ['enterprise', 'recommender'])
  if (deadlines) {
    const e = day(deadlines, 'enterprise', 'deadlines')
    const r = day(deadlines, 'recommender', 'deadlines')
    if (e && r && r < e) fail('deadlines.recommender', '推荐截止日期不能早于填报截止日期')
    if (e && opensOn && opensOn > e) fail('opensOn', '开始日期不能晚于填报截止日期')
  }
  // Unit types: the global list plus those the campaign declares; any other is one nobody has.
  const knownUnitTypes: string[] = [...UNIT_TYPES]
  if (root.unitTypes !== undefined) {
    const declared = arr(root.unitTypes, 'unitTypes', false)
    declared.forEach((t, i) => {
      const p = `unitTypes[${i}]`
      const o = obj(t, p, ['id', 'label'])
      if (!o) return
      const tid = str(o, 'id', p)
      str(o, 'label', p)
      if (tid === undefined) return
      if (!UNIT_TYPE_ID.test(tid)) fail(`${p}.id`, '单位类型标识只能包含小写字母、数字、下划线和连字符，且以字母开头')
      else if ((UNIT_TYPES as readonly string[]).includes(tid)) fail(`${p}.id`, `“${tid}”已是通用单位类型，无需声明`)
      else knownUnitTypes.push(tid)
    })
    unique(declared.map((t) => (isObj(t) ? (t.id as string) : undefined)), 'unitTypes', '单位类型')
  }
  const unitTypeRef = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !v.trim()) fail(path, '应为单位类型标识')
    else if (!knownUnitTypes.includes(v)) fail(path, `未知的单位类型“${v}”：既不是通用单位类型，也未在 unitTypes 中声明`)
  }
  const unitTypeList = (v: unknown, path: string) => {
    const list = arr(v, path)
    list.forEach((t, i) => {
      unitTypeRef(t, `${path}[${i}]`)
      if (typeof t === 'string' && list.indexOf(t) !== i) fail(`${path}[${i}]`, `单位类型“${t}”重复`)
    })
  }
  unitTypeList(root.eligibleUnitTypes, 'eligibleUnitTypes')

  const limit = obj(root.demandLimit, 'demandLimit', ['perEnterprise', 'byUnitType', 'note'])
  if (limit) {
    const per = limit.perEnterprise
    if (per !== null && (typeof per !== 'number' || !Number.isInteger(per) || per < 1))
      fail('demandLimit.perEnterprise', '应为正整数，或 null 表示不限')
    str(limit, 'note', 'demandLimit', true)
    if (limit.byUnitType !== undefined) {
      const by = obj(limit.byUnitType, 'demandLimit.byUnitType', knownUnitTypes)
      if (by) for (const k of Object.keys(by)) int(by, k, 'demandLimit.byUnitType')
    }
  }

  const domains = arr(root.domains, 'domains', false)
  domains.forEach((d, i) => {
    const p = `domains[${i}]`
    const o = obj(d, p, ['id', 'label', 'group', 'directions'])
    if (!o) return
    str(o, 'id', p)
    str(o, 'label', p)
    str(o, 'group', p, true)
    // Empty: an area without directions. Each direction is a label or { label, description }.
    const seen = new Set<string>()
    arr(o.directions, `${p}.directions`, false).forEach((x, j) => {
      const dp = `${p}.directions[${j}]`
      let label: string | undefined
      if (isObj(x)) {
        const dir = obj(x, dp, ['label', 'description'])
        label = dir ? str(dir, 'label', dp) : undefined
        if (dir) str(dir, 'description', dp, true)
      } else if (typeof x !== 'string' || !x.trim()) fail(dp, '应为非空文本，或 { label, description }')
      else label = x
      if (label === undefined) return
      if (seen.has(label)) fail(dp, `方向“${label}”重复`)
      seen.add(label)
    })
  })
  unique(domains.map((d) => (isObj(d) ? (d.id as string) : undefined)), 'domains', '领域')

  const recommenders = obj(root.recommenders, 'recommenders', ['unitTypes', 'units', 'fields', 'keyMark', 'signOffs'])
  /** Unit types with their paths: their sub-quotas are checked once the fields are known. */
  const unitTypeObjs: Array<{ o: Obj; p: string }> = []
  const unitTypeIds: string[] = []
  let unitCount = 0
  if (recommenders) {
    const types = arr(recommenders.unitTypes, 'recommenders.unitTypes')
    types.forEach((t, i) => {
      const p = `recommenders.unitTypes[${i}]`
      const o = obj(t, p, ['id', 'label', 'quota', 'subQuotas'])
      if (!o) return
      unitTypeObjs.push({ o, p })
      const tid = str(o, 'id', p)
      if (tid) unitTypeIds.push(tid)
      str(o, 'label', p)
      if (o.quota !== null) int(o, 'quota', p)
    })
    unique(types.map((t) => (isObj(t) ? (t.id as string) : undefined)), 'recommenders.unitTypes', '推荐单位类型')
    const units = arr(recommenders.units, 'recommenders.units')
    unitCount = units.length
    units.forEach((u, i) => {
      const p = `recommenders.units[${i}]`
      const o = obj(u, p, ['id', 'name', 'type', 'regions'])
      if (!o) return
      str(o, 'id', p)
      str(o, 'name', p)
      oneOf(o.type, unitTypeIds, `${p}.type`)
      if (o.regions !== undefined) {
        arr(o.regions, `${p}.regions`).forEach((r, k) => {
          if (typeof r !== 'string' || !/^(\d{2}|\d{4}|\d{6})$/.test(r)) fail(`${p}.regions[${k}]`, '应为2、4或6位行政区划代码')
        })
      }
    })
    unique(units.map((u) => (isObj(u) ? (u.id as string) : undefined)), 'recommenders.units', '推荐单位')
  }

  arr(root.contacts, 'contacts').forEach((c, i) => {
    const p = `contacts[${i}]`
    const o = obj(c, p, ['group', 'topic', 'person', 'phone'])
    if (!o) return
    str(o, 'group', p)
    str(o, 'topic', p)
    str(o, 'person', p, true)
    const phone = str(o, 'phone', p)
    if (phone && !/^[0-9][0-9-]{4,19}$/.test(phone)) fail(`${p}.phone`, '电话号码只能包含数字和连字符')
  })

  // Steps and fields: ids unique across the whole campaign; conditions point at earlier fields.
  const fieldKinds = new Map<string, FieldKind>()
  /** choice field id → its option values */
  const fieldOptions = new Map<string, string[]>()
  const steps = arr(root.steps, 'steps')
  steps.forEach((s, i) => {
    const p = `steps[${i}]`
    const step = obj(s, p, ['id', 'title', 'description', 'fields'])
    if (!step) return
    str(step, 'id', p)
    str(step, 'title', p)
    str(step, 'description', p, true)
    arr(step.fields, `${p}.fields`).forEach((f, j) => {
      const fp = `${p}.fields[${j}]`
      if (!isObj(f)) return void fail(fp, '应为对象')
      const kind = f.kind as FieldKind
      if (!(kind in FIELD_KEYS)) return void fail(`${fp}.kind`, `应为以下之一：${Object.keys(FIELD_KEYS).join('、')}`)
      obj(f, fp, [...FIELD_BASE_KEYS, ...FIELD_KEYS[kind]])
      const fid = str(f, 'id', fp)
      if (fid && !FIELD_ID.test(fid)) fail(`${fp}.id`, '字段标识只能包含字母、数字和下划线，且以字母开头')
      if (fid && fieldKinds.has(fid)) fail(`${fp}.id`, `字段“${fid}”重复`)
      str(f, 'label', fp)
      str(f, 'help', fp, true)
      str(f, 'placeholder', fp, true)
      bool(f, 'required', fp, true)
      if (f.visibleIf !== undefined) checkCondition(f.visibleIf, `${fp}.visibleIf`)
      checkKind(f, kind, fp)
      if (fid) {
        fieldKinds.set(fid, kind)
        if ((kind === 'single' || kind === 'multi') && Array.isArray(f.options))
          fieldOptions.set(fid, f.options.filter(isObj).map((o) => String(o.value)))
      }
    })
  })
  unique(steps.map((s) => (isObj(s) ? (s.id as string) : undefined)), 'steps', '步骤')

  const recommenderChecks = checkRecommenderParts(root, recommenders, unitTypeObjs, fieldKinds, problems, { obj, arr, str, int, unique, isObj })

  /**
   * A condition names an earlier single / multi / gate field (so never a field of a later step)
   * with equals or includes of one of its values, and/or unit types somebody can have.
   */
  function checkCondition(v: unknown, cp: string) {
    const c = obj(v, cp, ['field', 'equals', 'includes', 'unitType'])
    if (!c) return
    if (c.unitType !== undefined) unitTypeList(c.unitType, `${cp}.unitType`)
    if (c.field === undefined) {
      if (c.unitType === undefined) fail(cp, '须给出 field（及 equals 或 includes）或 unitType')
      else if (c.equals !== undefined || c.includes !== undefined) fail(`${cp}.field`, '给出 equals 或 includes 时须指明 field')
      return
    }
    const kind = typeof c.field === 'string' ? fieldKinds.get(c.field) : undefined
    if (kind === undefined) return void fail(`${cp}.field`, '应指向本字段之前已定义的字段')
    if ((c.equals === undefined) === (c.includes === undefined)) return void fail(cp, '须且只能给出 equals 或 includes 之一')
    if (!CONDITION_KINDS.includes(kind)) return void fail(`${cp}.field`, '条件只能指向单选、多选或是/否（gate）字段')
    const target = c.field as string
    const values = fieldOptions.get(target) ?? []
    const known = (x: unknown) => typeof x === 'string' && values.includes(x)
    if (kind === 'gate') {
      if (c.includes !== undefined) fail(`${cp}.includes`, 'includes 只适用于多选字段')
      else if (typeof c.equals !== 'boolean') fail(`${cp}.equals`, '是/否字段的条件应为 true 或 false')
    } else if (kind === 'single') {
      if (c.includes !== undefined) fail(`${cp}.includes`, 'includes 只适用于多选字段')
      else if (!known(c.equals)) fail(`${cp}.equals`, `应为字段“${target}”的选项值之一：${values.join('、')}`)
    } else if (c.equals !== undefined) fail(`${cp}.equals`, '多选字段的条件请用 includes')
    else if (!known(c.includes)) fail(`${cp}.includes`, `应为字段“${target}”的选项值之一：${values.join('、')}`)
  }

  function checkKind(f: Obj, kind: FieldKind, fp: string) {
    switch (kind) {
      case 'text':
      case 'textarea':
        int(f, 'maxLength', fp)
        if (kind === 'text' && f.format !== undefined) oneOf(f.format, TEXT_FORMATS, `${fp}.format`)
        if (kind === 'textarea') int(f, 'minLength', fp, { optional: true })
        break
      case 'single':
      case 'multi': {
        const options = arr(f.options, `${fp}.options`)
        const values = new Set<string>()
        let other = false
        options.forEach((o, k) => {
          const op_ = `${fp}.options[${k}]`
          const op = obj(o, op_, ['value', 'label', 'hint', 'other', 'otherMaxLength'])
          if (!op) return
          const value = str(op, 'value', op_)
          str(op, 'label', op_)
          str(op, 'hint', op_, true)
          if (value !== undefined) {
            if (values.has(value)) fail(`${op_}.value`, `选项值“${value}”重复`)
            values.add(value)
          }
          if (op.other !== undefined) {
            if (op.other !== true) fail(`${op_}.other`, '只能为 true')
            else if (other) fail(`${op_}.other`, '每个字段只能有一个“其他”选项')
            else other = true
          }
          if (op.otherMaxLength !== undefined) {
            if (op.other !== true) fail(`${op_}.otherMaxLength`, '只适用于 other 为 true 的选项')
            else int(op, 'otherMaxLength', op_)
          }
        })
        if (kind === 'multi') {
          const min = int(f, 'minItems', fp, { optional: true, min: 0 })
          const max = int(f, 'maxItems', fp, { optional: true })
          if (min !== undefined && max !== undefined && min > max) fail(`${fp}.minItems`, '不能大于 maxItems')
        }
        break
      }
      case 'domain':
        bool(f, 'directionRequired', fp)
        if (domains.length === 0) fail(fp, '领域字段需要活动定义 domains')
        break
      case 'amount':
      case 'number': {
        str(f, 'unit', fp)
        const min = num(f, 'min', fp, true)
        const max = num(f, 'max', fp, true)
        int(f, 'precision', fp, { min: 0 })
        if (min !== undefined && max !== undefined && min > max) fail(`${fp}.min`, '不能大于 max')
        break
      }
      case 'indicators': {
        const min = int(f, 'minRows', fp, { min: 0 })
        const max = int(f, 'maxRows', fp)
        if (min !== undefined && max !== undefined && min > max) fail(`${fp}.minRows`, '不能大于 maxRows')
        break
      }
      case 'recommender':
        if (unitCount === 0) fail(fp, '推荐单位字段需要 recommenders.units')
        bool(f, 'byRegion', fp, true)
        if (f.routes !== undefined) {
          arr(f.routes, `${fp}.routes`).forEach((r, k) => {
            const rp = `${fp}.routes[${k}]`
            const route = obj(r, rp, ['when', 'unitTypes'])
            if (!route) return
            checkCondition(route.when, `${rp}.when`)
            arr(route.unitTypes, `${rp}.unitTypes`).forEach((t, m) => oneOf(t, unitTypeIds, `${rp}.unitTypes[${m}]`))
          })
        }
        break
      case 'attachments':
        int(f, 'maxFiles', fp)
        int(f, 'maxSizeMB', fp)
        arr(f.accept, `${fp}.accept`).forEach((t, k) => oneOf(t, ATTACHMENT_TYPES, `${fp}.accept[${k}]`))
        break
      case 'gate':
        bool(f, 'stopWhen', fp)
        str(f, 'stopMessage', fp)
        break
      case 'date':
      case 'maturity':
        break
    }
  }

  // Eligibility rules and validations: a numeric field compared with a number or another numeric field.
  const ruleIds = new Set<string>()
  const isNumericField = (id: unknown) => {
    const kind = typeof id === 'string' ? fieldKinds.get(id) : undefined
    return kind !== undefined && NUMERIC_KINDS.includes(kind)
  }
  const checkRule = (r: unknown, p: string) => {
    const o = obj(r, p, ['id', 'field', 'op', 'value', 'appliesTo', 'message'])
    if (!o) return
    const rid = str(o, 'id', p)
    if (rid !== undefined) {
      if (ruleIds.has(rid)) fail(`${p}.id`, `规则“${rid}”重复`)
      ruleIds.add(rid)
    }
    str(o, 'message', p)
    if (isObj(o.value)) {
      const ref = obj(o.value, `${p}.value`, ['field', 'factor'])
      if (ref) {
        if (!isNumericField(ref.field)) fail(`${p}.value.field`, '应指向一个数值或金额字段')
        else if (ref.field === o.field) fail(`${p}.value.field`, '不能与 field 相同')
        if (ref.factor !== undefined && (typeof ref.factor !== 'number' || !Number.isFinite(ref.factor) || ref.factor <= 0))
          fail(`${p}.value.factor`, '应为正数')
      }
    } else if (typeof o.value !== 'number' || !Number.isFinite(o.value)) {
      fail(`${p}.value`, '应为数字，或 { "field": "<数值字段>" }')
    }
    oneOf(o.op, ['>=', '>', '<=', '<'], `${p}.op`)
    if (!isNumericField(o.field)) fail(`${p}.field`, '应指向一个数值或金额字段')
    if (o.appliesTo !== undefined) unitTypeList(o.appliesTo, `${p}.appliesTo`)
  }
  arr(root.eligibility, 'eligibility', false).forEach((r, i) => checkRule(r, `eligibility[${i}]`))
  if (root.validations !== undefined) arr(root.validations, 'validations', false).forEach((r, i) => checkRule(r, `validations[${i}]`))

  arr(root.summaryColumns, 'summaryColumns').forEach((c, i) => {
    const p = `summaryColumns[${i}]`
    const o = obj(c, p, ['header', 'source'])
    if (!o) return
    str(o, 'header', p)
    const source = String(o.source ?? '')
    const [prefix, key] = source.split(':')
    const ok =
      source === 'rank' ||
      source === 'unit' ||
      (prefix === 'field' && fieldKinds.has(key)) ||
      (prefix === 'profile' && ['enterpriseName', 'creditCode', 'contactName', 'mobile', 'unitType'].includes(key))
    const recommenderSource = recommenderChecks.sourceProblem(source)
    if (recommenderSource !== undefined) {
      if (recommenderSource) fail(`${p}.source`, recommenderSource)
    } else if (!ok) fail(`${p}.source`, '应为 rank、unit、field:<已定义字段> 或 profile:<资料项>')
  })

  if (root.reminders !== undefined) {
    const r = obj(root.reminders, 'reminders', ['enterprise', 'recommender', 'quietHours'])
    for (const audience of ['enterprise', 'recommender'] as const) {
      if (!r || r[audience] === undefined) continue
      const offsets = arr(r[audience], `reminders.${audience}`, false)
      offsets.forEach((o, i) => {
        if (typeof o !== 'string' || offsetMs(o) === null) fail(`reminders.${audience}[${i}]`, '应为提前量，如 7d、2h、30m（最长60天）')
        else if (offsets.indexOf(o) !== i) fail(`reminders.${audience}[${i}]`, `提前量“${o}”重复`)
      })
    }
    if (r && r.quietHours !== undefined && r.quietHours !== null) {
      const q = obj(r.quietHours, 'reminders.quietHours', ['start', 'end'])
      if (q) {
        for (const k of ['start', 'end']) {
          if (typeof q[k] !== 'string' || !isClockTime(q[k] as string)) fail(`reminders.quietHours.${k}`, '应为时刻 HH:MM')
        }
        if (q.start === q.end) fail('reminders.quietHours', '开始和结束不能相同')
      }
    }
  }

  return problems.length ? { ok: false, problems } : { ok: true, definition: input as unknown as CampaignDefinition }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

/** All fields of a definition in step order. */
export function allFields(def: CampaignDefinition) {
  return def.steps.flatMap((s) => s.fields)
}

/** The validator's helpers, as checkRecommenderParts uses them. */
interface Helpers {
  obj: (v: unknown, path: string, keys: string[]) => Obj | null
  arr: (v: unknown, path: string, nonEmpty?: boolean) => unknown[]
  str: (o: Obj, key: string, path: string, optional?: boolean) => string | undefined
  int: (o: Obj, key: string, path: string, opts?: { optional?: boolean; min?: number }) => number | undefined
  unique: (ids: Array<string | undefined>, path: string, what: string) => void
  isObj: (v: unknown) => v is Obj
}

/** Ids of sign-offs and deliverables. */
const ITEM_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/
/** A template's address: https://host…, or a path on this site (`/…`, not `//host`). */
const TEMPLATE_URL = /^(https:\/\/[^\s/?#]+([/?#]\S*)?|\/(?!\/)\S*)$/
/** Kinds a recommending unit's field may not have: the enterprise's choices, a wizard's stop, tables. */
const NOT_FOR_RECOMMENDERS: FieldKind[] = ['recommender', 'gate', 'domain', 'indicators']

/**
 * What the recommending unit gives and what is handed in offline: `recommenders.fields` (each
 * checked exactly as a step's field is, by validating them as the only step of a copy of the
 * definition; ids apart from the enterprise's fields; `visibleIf` on earlier ones of them),
 * `recommenders.keyMark`, `recommenders.signOffs`, the unit types' `subQuotas` (a max within
 * the type's quota, conditions on the enterprise's fields and their option values),
 * `deliverables` and `templates`. Returns the check of the summary columns' sources these
 * parts define: undefined for a source of another kind, '' when fine, else the problem.
 */
function checkRecommenderParts(
  root: Obj,
  recommenders: Obj | null,
  unitTypes: Array<{ o: Obj; p: string }>,
  fieldKinds: Map<string, FieldKind>,
  problems: DefinitionProblem[],
  { obj, arr, str, int, unique, isObj }: Helpers
): { sourceProblem: (source: string) => string | undefined } {
  const fail = (path: string, message: string) => problems.push({ path, message })
  const recommenderFieldIds = new Set<string>()
  const signOffIds = new Set<string>()
  const deliverableIds = new Set<string>()

  if (recommenders && recommenders.fields !== undefined) {
    const fields = arr(recommenders.fields, 'recommenders.fields', false)
    if (fields.length) {
      const copy: Obj = {
        ...root,
        steps: [{ id: 'recommender', title: '推荐单位填写', fields }],
        eligibility: [],
        summaryColumns: [{ header: '序号', source: 'rank' }],
        recommenders: { unitTypes: recommenders.unitTypes, units: recommenders.units }
      }
      delete copy.deliverables
      delete copy.templates
      const inner = validateDefinition(copy)
      if (!inner.ok) {
        for (const q of inner.problems) {
          if (q.path.startsWith('steps[0].fields')) fail(q.path.replace('steps[0].fields', 'recommenders.fields'), q.message)
        }
      }
    }
    fields.forEach((f, j) => {
      if (!isObj(f)) return
      if (NOT_FOR_RECOMMENDERS.includes(f.kind as FieldKind)) fail(`recommenders.fields[${j}].kind`, `推荐单位的填写项不能是以下类型：${NOT_FOR_RECOMMENDERS.join('、')}`)
      if (typeof f.id !== 'string') return
      if (fieldKinds.has(f.id)) fail(`recommenders.fields[${j}].id`, `字段“${f.id}”与企业填报的字段重复`)
      recommenderFieldIds.add(f.id)
    })
  }

  if (recommenders && recommenders.keyMark !== undefined) {
    const k = obj(recommenders.keyMark, 'recommenders.keyMark', ['label', 'max'])
    if (k) {
      str(k, 'label', 'recommenders.keyMark')
      int(k, 'max', 'recommenders.keyMark', { optional: true })
    }
  }

  const idList = (v: unknown, path: string, what: string, into: Set<string>) => {
    const list = arr(v, path, false)
    list.forEach((x, i) => {
      const p = `${path}[${i}]`
      const o = obj(x, p, ['id', 'label'])
      if (!o) return
      const id = str(o, 'id', p)
      if (id !== undefined && id.trim() && !ITEM_ID.test(id)) fail(`${p}.id`, '标识只能包含字母、数字、下划线和连字符')
      else if (id) into.add(id)
      str(o, 'label', p)
    })
    unique(list.map((x) => (isObj(x) && typeof x.id === 'string' ? x.id : undefined)), path, what)
  }
  if (recommenders && recommenders.signOffs !== undefined) idList(recommenders.signOffs, 'recommenders.signOffs', '会签部门', signOffIds)
  if (root.deliverables !== undefined) idList(root.deliverables, 'deliverables', '报送材料', deliverableIds)

  // Sub-quotas: conditions on the enterprise's fields, as visibleIf, with values those fields can take.
  const enterpriseFields = (Array.isArray(root.steps) ? root.steps : []).flatMap((s) =>
    isObj(s) && Array.isArray(s.fields) ? s.fields.filter(isObj) : []
  )
  const condition = (v: unknown, cp: string) => {
    const c = obj(v, cp, ['field', 'equals', 'includes'])
    if (!c) return
    const kind = typeof c.field === 'string' ? fieldKinds.get(c.field) : undefined
    if (!kind) return void fail(`${cp}.field`, '应指向企业填报的字段')
    if (!['single', 'multi', 'gate'].includes(kind)) return void fail(`${cp}.field`, '条件只能指向单选、多选或是/否（gate）字段')
    if ((c.equals === undefined) === (c.includes === undefined)) return void fail(cp, '须且只能给出 equals 或 includes 之一')
    if (c.includes !== undefined && kind !== 'multi') return void fail(`${cp}.includes`, 'includes 只适用于多选字段')
    if (c.equals !== undefined && kind === 'multi') return void fail(`${cp}.equals`, '多选字段的条件请用 includes')
    const options = enterpriseFields.find((f) => f.id === c.field)?.options
    const key = c.includes !== undefined ? 'includes' : 'equals'
    const values = Array.isArray(options) ? options.map((o) => (isObj(o) ? o.value : undefined)) : null
    if (values && !values.includes(c[key])) fail(`${cp}.${key}`, `应为字段“${c.field}”的选项值之一：${values.join('、')}`)
  }
  for (const { o, p } of unitTypes) {
    if (o.subQuotas === undefined) continue
    const list = arr(o.subQuotas, `${p}.subQuotas`, false)
    const quota = typeof o.quota === 'number' ? o.quota : null
    list.forEach((x, i) => {
      const qp = `${p}.subQuotas[${i}]`
      const q = obj(x, qp, ['id', 'label', 'max', 'when'])
      if (!q) return
      str(q, 'id', qp)
      str(q, 'label', qp)
      const max = int(q, 'max', qp)
      if (max !== undefined && quota !== null && max > quota) fail(`${qp}.max`, `不能超过该类型的推荐名额（${quota}项）`)
      if (Array.isArray(q.when)) arr(q.when, `${qp}.when`).forEach((c, k) => condition(c, `${qp}.when[${k}]`))
      else condition(q.when, `${qp}.when`)
    })
    unique(list.map((x) => (isObj(x) && typeof x.id === 'string' ? x.id : undefined)), `${p}.subQuotas`, '分项名额')
  }

  if (root.templates !== undefined) {
    arr(root.templates, 'templates', false).forEach((x, i) => {
      const p = `templates[${i}]`
      const o = obj(x, p, ['name', 'url'])
      if (!o) return
      str(o, 'name', p)
      const url = str(o, 'url', p)
      if (url && url.trim() && !TEMPLATE_URL.test(url)) fail(`${p}.url`, '应为 https:// 开头的网址或以 / 开头的本站路径')
    })
  }

  return {
    sourceProblem(source) {
      const prefix = source.split(':')[0]
      const key = source.slice(prefix.length + 1)
      if (source === 'keyRecommended') return isObj(recommenders?.keyMark) ? '' : '活动未设置重点推荐（recommenders.keyMark），不能导出此列'
      if (prefix === 'recommender') {
        const ok = recommenderFieldIds.has(key) || (key.startsWith('signoff:') && signOffIds.has(key.slice(8)))
        return ok ? '' : '应为 recommender:<推荐单位填写项>（recommenders.fields 中的字段，或 signoff:<会签部门>）'
      }
      if (prefix === 'deliverable') return deliverableIds.has(key) ? '' : '应为 deliverable:<deliverables 中的报送材料>'
      return undefined
    }
  }
}
