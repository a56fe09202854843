/**
 * Validator of campaign definitions: every problem comes with the path of the bad key,
 * e.g. `steps[2].fields[0].maxLength: 应为正整数`.
 */
import { ATTACHMENT_TYPES, SUPPORTED_TIMEZONES, type CampaignDefinition, type FieldKind } from './campaign'
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

const FIELD_BASE_KEYS = ['id', 'kind', 'label', 'help', 'placeholder', 'required', 'visibleIf']
const FIELD_KEYS: Record<FieldKind, string[]> = {
  text: ['maxLength'],
  textarea: ['maxLength', 'minLength'],
  single: ['options'],
  multi: ['options', 'minItems', 'maxItems'],
  domain: ['directionRequired'],
  amount: ['unit', 'min', 'max', 'precision'],
  number: ['unit', 'min', 'max', 'precision'],
  date: [],
  indicators: ['minRows', 'maxRows'],
  maturity: [],
  recommender: [],
  attachments: ['maxFiles', 'maxSizeMB', 'accept'],
  gate: ['stopWhen', 'stopMessage']
}
const NUMERIC_KINDS: FieldKind[] = ['amount', 'number']
const SLUG = /^[a-z0-9][a-z0-9-]*$/
const FIELD_ID = /^[a-zA-Z][a-zA-Z0-9_]*$/

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
    'eligibleUnitTypes', 'eligibility', 'demandLimit', 'domains', 'recommenders', 'contacts', 'steps', 'summaryColumns', 'reminders'
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
  arr(root.eligibleUnitTypes, 'eligibleUnitTypes').forEach((t, i) => oneOf(t, UNIT_TYPES, `eligibleUnitTypes[${i}]`))

  const limit = obj(root.demandLimit, 'demandLimit', ['perEnterprise', 'byUnitType', 'note'])
  if (limit) {
    int(limit, 'perEnterprise', 'demandLimit')
    str(limit, 'note', 'demandLimit', true)
    if (limit.byUnitType !== undefined) {
      const by = obj(limit.byUnitType, 'demandLimit.byUnitType', [...UNIT_TYPES])
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
    arr(o.directions, `${p}.directions`).forEach((x, j) => {
      if (typeof x !== 'string' || !x.trim()) fail(`${p}.directions[${j}]`, '应为非空文本')
    })
  })
  unique(domains.map((d) => (isObj(d) ? (d.id as string) : undefined)), 'domains', '领域')

  const recommenders = obj(root.recommenders, 'recommenders', ['unitTypes', 'units'])
  const unitTypeIds: string[] = []
  let unitCount = 0
  if (recommenders) {
    const types = arr(recommenders.unitTypes, 'recommenders.unitTypes')
    types.forEach((t, i) => {
      const p = `recommenders.unitTypes[${i}]`
      const o = obj(t, p, ['id', 'label', 'quota'])
      if (!o) return
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
      const o = obj(u, p, ['id', 'name', 'type'])
      if (!o) return
      str(o, 'id', p)
      str(o, 'name', p)
      oneOf(o.type, unitTypeIds, `${p}.type`)
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
      if (f.visibleIf !== undefined) {
        const c = obj(f.visibleIf, `${fp}.visibleIf`, ['field', 'equals', 'includes'])
        if (c) {
          if (typeof c.field !== 'string' || !fieldKinds.has(c.field))
            fail(`${fp}.visibleIf.field`, '应指向本字段之前已定义的字段')
          if ((c.equals === undefined) === (c.includes === undefined))
            fail(`${fp}.visibleIf`, '须且只能给出 equals 或 includes 之一')
        }
      }
      checkKind(f, kind, fp)
      if (fid) fieldKinds.set(fid, kind)
    })
  })
  unique(steps.map((s) => (isObj(s) ? (s.id as string) : undefined)), 'steps', '步骤')

  function checkKind(f: Obj, kind: FieldKind, fp: string) {
    switch (kind) {
      case 'text':
      case 'textarea':
        int(f, 'maxLength', fp)
        if (kind === 'textarea') int(f, 'minLength', fp, { optional: true })
        break
      case 'single':
      case 'multi': {
        const options = arr(f.options, `${fp}.options`)
        options.forEach((o, k) => {
          const op = obj(o, `${fp}.options[${k}]`, ['value', 'label', 'hint'])
          if (!op) return
          str(op, 'value', `${fp}.options[${k}]`)
          str(op, 'label', `${fp}.options[${k}]`)
          str(op, 'hint', `${fp}.options[${k}]`, true)
        })
        const values = options.map((o) => (isObj(o) ? String(o.value) : ''))
        if (new Set(values).size !== values.length) fail(`${fp}.options`, '选项值重复')
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

  arr(root.eligibility, 'eligibility', false).forEach((r, i) => {
    const p = `eligibility[${i}]`
    const o = obj(r, p, ['id', 'field', 'op', 'value', 'appliesTo', 'message'])
    if (!o) return
    str(o, 'id', p)
    str(o, 'message', p)
    num(o, 'value', p)
    oneOf(o.op, ['>=', '>', '<=', '<'], `${p}.op`)
    const kind = typeof o.field === 'string' ? fieldKinds.get(o.field) : undefined
    if (!kind || !NUMERIC_KINDS.includes(kind)) fail(`${p}.field`, '应指向一个数值或金额字段')
    if (o.appliesTo !== undefined)
      arr(o.appliesTo, `${p}.appliesTo`).forEach((t, k) => oneOf(t, UNIT_TYPES, `${p}.appliesTo[${k}]`))
  })

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
    if (!ok) fail(`${p}.source`, '应为 rank、unit、field:<已定义字段> 或 profile:<资料项>')
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
