/**
 * The studio's working copy of a campaign definition: plain JSON that may be incomplete or
 * wrong in any way (the bureau may have typed anything in the JSON tab). Reading it never
 * throws; editing it copies only the branch that changes; problems come from the shared
 * validator (types/validate-definition.ts) with their paths, e.g. `steps[0].fields[1].maxLength`.
 */
import { ATTACHMENT_TYPES, SUPPORTED_TIMEZONES, type CampaignDefinition, type FieldKind } from '../../../types/campaign'
import { FIELD_BASE_KEYS, FIELD_KEYS, type DefinitionProblem } from '../../../types/validate-definition'

export type Obj = Record<string, unknown>
/** A place in the definition: keys and array indexes, e.g. ['steps', 0, 'fields', 1, 'id']. */
export type Path = ReadonlyArray<string | number>

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {})
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
/** Text to show in an input: strings as they are, numbers as digits, anything else empty. */
export const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

/** The path as the validator writes it: `steps[0].fields[1].id`. */
export function pathText(path: Path): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p
  return out
}

export function getAt(root: unknown, path: Path): unknown {
  let node = root
  for (const p of path) {
    if (typeof p === 'number') node = Array.isArray(node) ? node[p] : undefined
    else node = isObj(node) ? node[p] : undefined
  }
  return node
}

/**
 * A copy of `root` with `value` at `path` (objects and arrays on the way are created as
 * needed). `undefined` removes an object's key; in an array it leaves a hole-free copy with
 * the item replaced by undefined, so lists are changed with whole new arrays instead.
 */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...root] : []
    list[head] = setAt(list[head], rest, value)
    return list
  }
  const obj: Obj = { ...asObj(root) }
  const next = setAt(obj[head], rest, value)
  if (next === undefined) delete obj[head]
  else obj[head] = next
  return obj
}

/** The list with item `from` moved to `to` (both within bounds). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list]
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item)
  return next
}

export const without = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index)

// ---- problems ------------------------------------------------------------------------------

/** Whether `path` is `prefix` itself or lies under it. */
function under(path: string, prefix: string): boolean {
  if (!prefix) return true
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)
}

/** The first key of `path` below `prefix`: `maxLength` of `steps[0].fields[1].maxLength` under `steps[0].fields[1]`. */
function childKey(path: string, prefix: string): string {
  const rest = prefix ? path.slice(prefix.length).replace(/^\./, '') : path
  const m = /^(\[\d+\]|[^.[]+)/.exec(rest)
  return m ? m[1] : ''
}

/** The validator's problems, looked up by the place a control edits. */
export class ProblemIndex {
  constructor(readonly list: DefinitionProblem[]) {}

  /** Messages about exactly this place. */
  at(path: Path): string[] {
    const p = pathText(path)
    return this.list.filter((x) => x.path === p).map((x) => x.message)
  }

  /** Problems at this place or anywhere under it. */
  within(path: Path): DefinitionProblem[] {
    const p = pathText(path)
    return this.list.filter((x) => under(x.path, p))
  }

  /**
   * Problems under `path` that no control shows: at the place itself, or under a key that is
   * not among `shown` (e.g. an unknown key, a part edited only as JSON).
   */
  rest(path: Path, shown: readonly string[]): DefinitionProblem[] {
    const p = pathText(path)
    return this.list.filter((x) => {
      if (!under(x.path, p)) return false
      if (x.path === p) return true
      return !shown.includes(childKey(x.path, p))
    })
  }
}

// ---- tabs ----------------------------------------------------------------------------------

export type StudioTab = 'basic' | 'recommenders' | 'steps' | 'json' | 'preview'

export const TAB_LABELS: Record<StudioTab, string> = {
  basic: '基本信息',
  recommenders: '推荐单位',
  steps: '步骤与字段',
  json: 'JSON',
  preview: '预览'
}

/** The keys the 基本信息 tab edits. */
export const BASIC_KEYS = [
  'title',
  'tagline',
  'summary',
  'notice',
  'issuer',
  'coIssuers',
  'opensOn',
  'deadlines',
  'eligibleUnitTypes',
  'demandLimit',
  'contacts'
] as const

/** Where a problem can be put right: the tab with the control, or the JSON tab for the rest. */
export function tabOf(path: string): StudioTab {
  const head = childKey(path, '')
  if (head === 'recommenders') return 'recommenders'
  if (head === 'steps') return 'steps'
  if ((BASIC_KEYS as readonly string[]).includes(head)) return 'basic'
  return 'json'
}

// ---- fields --------------------------------------------------------------------------------

export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  text: '单行文本',
  textarea: '多行文本',
  single: '单选',
  multi: '多选',
  domain: '领域及方向',
  amount: '金额',
  number: '数值',
  date: '日期',
  indicators: '指标表',
  maturity: '技术成熟度',
  recommender: '推荐单位',
  attachments: '附件',
  gate: '是否题（可终止填报）'
}
export const FIELD_KINDS = Object.keys(FIELD_KIND_LABELS) as FieldKind[]

/** What a field of a kind needs to be valid, filled in when the kind is chosen. */
const KIND_DEFAULTS: Record<FieldKind, Obj> = {
  text: { maxLength: 50 },
  textarea: { maxLength: 500 },
  single: { options: [{ value: 'a', label: '选项一' }, { value: 'b', label: '选项二' }] },
  multi: { options: [{ value: 'a', label: '选项一' }, { value: 'b', label: '选项二' }] },
  domain: { directionRequired: true },
  amount: { unit: '万元', precision: 2, min: 0 },
  number: { unit: '', precision: 0 },
  date: {},
  indicators: { minRows: 1, maxRows: 10 },
  maturity: {},
  recommender: {},
  attachments: { maxFiles: 5, maxSizeMB: 20, accept: ['pdf', 'doc', 'docx'] },
  gate: { stopWhen: true, stopMessage: '' }
}

/** The field as the new kind: keys the kind does not have are dropped, those it needs are added. */
export function withKind(field: unknown, kind: FieldKind): Obj {
  const f = asObj(field)
  const keep = [...FIELD_BASE_KEYS, ...FIELD_KEYS[kind]]
  const next: Obj = {}
  for (const [k, v] of Object.entries(f)) if (keep.includes(k)) next[k] = v
  next.kind = kind
  for (const [k, v] of Object.entries(KIND_DEFAULTS[kind])) if (next[k] === undefined) next[k] = structuredCopy(v)
  return next
}

const structuredCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

/** A field id not yet used in the definition: field1, field2, … */
export function newFieldId(def: unknown): string {
  const used = new Set(
    asArr(asObj(def).steps).flatMap((s) => asArr(asObj(s).fields).map((f) => asObj(f).id))
  )
  let n = 1
  while (used.has(`field${n}`)) n++
  return `field${n}`
}

export function newStepId(def: unknown): string {
  const used = new Set(asArr(asObj(def).steps).map((s) => asObj(s).id))
  let n = 1
  while (used.has(`step${n}`)) n++
  return `step${n}`
}

export function newField(def: unknown): Obj {
  return { id: newFieldId(def), kind: 'text', label: '', required: false, maxLength: 50 }
}

// ---- preview -------------------------------------------------------------------------------

/**
 * A definition the wizard can render, from a working copy that may be invalid: the parts that
 * make sense are kept (steps with their fields of known kinds, with limits filled in where
 * missing), the rest left empty. For a valid definition it is the definition itself.
 */
export function previewDefinition(working: unknown, valid: boolean): CampaignDefinition | null {
  if (!isObj(working)) return null
  if (valid) return working as unknown as CampaignDefinition
  const w = working
  const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
  const steps = asArr(w.steps)
    .filter(isObj)
    .map((s, i) => ({
      id: text(s.id) || `step-${i}`,
      title: text(s.title) || `第 ${i + 1} 步`,
      ...(typeof s.description === 'string' ? { description: s.description } : {}),
      fields: asArr(s.fields)
        .filter((f): f is Obj => isObj(f) && (FIELD_KINDS as unknown[]).includes(f.kind) && typeof f.id === 'string' && f.id !== '')
        .map((f) => sanitizeField(f))
    }))
  const seen = new Set<string>()
  for (const s of steps) {
    s.fields = s.fields.filter((f) => {
      if (seen.has(f.id as string)) return false
      seen.add(f.id as string)
      return true
    })
  }
  const recommenders = asObj(w.recommenders)
  const def = {
    id: text(w.id, 'preview'),
    title: text(w.title),
    issuer: text(w.issuer),
    tagline: text(w.tagline),
    summary: text(w.summary),
    notice: text(w.notice),
    timezone: SUPPORTED_TIMEZONES[0],
    deadlines: { enterprise: '2999-12-31', recommender: '2999-12-31' },
    unitTypes: asArr(w.unitTypes).filter((t) => isObj(t) && typeof t.id === 'string' && typeof t.label === 'string'),
    eligibleUnitTypes: asArr(w.eligibleUnitTypes).filter((t) => typeof t === 'string'),
    eligibility: [],
    demandLimit: { perEnterprise: 1 },
    domains: asArr(w.domains).filter((d) => isObj(d) && typeof d.id === 'string' && Array.isArray(d.directions)),
    recommenders: {
      unitTypes: asArr(recommenders.unitTypes).filter((t) => isObj(t) && typeof t.id === 'string'),
      units: asArr(recommenders.units).filter((u) => isObj(u) && typeof u.id === 'string' && typeof u.name === 'string')
    },
    contacts: [],
    steps: steps.filter((s) => s.fields.length > 0),
    summaryColumns: []
  }
  return def as unknown as CampaignDefinition
}

function sanitizeField(f: Obj): Obj {
  const kind = f.kind as FieldKind
  const out: Obj = { ...withKind(f, kind), label: typeof f.label === 'string' && f.label ? f.label : String(f.id) }
  const posInt = (k: string, d: number) => {
    if (typeof out[k] !== 'number' || !Number.isInteger(out[k]) || (out[k] as number) < 1) out[k] = d
  }
  if (kind === 'text' || kind === 'textarea') posInt('maxLength', 50)
  if (kind === 'single' || kind === 'multi') {
    out.options = asArr(out.options).filter((o) => isObj(o) && typeof o.value === 'string' && typeof o.label === 'string')
  }
  if (kind === 'amount' || kind === 'number') {
    if (typeof out.unit !== 'string') out.unit = ''
    if (typeof out.precision !== 'number' || out.precision < 0) out.precision = 0
    for (const k of ['min', 'max']) if (out[k] !== undefined && typeof out[k] !== 'number') delete out[k]
  }
  if (kind === 'indicators') {
    posInt('maxRows', 10)
    if (typeof out.minRows !== 'number' || out.minRows < 0) out.minRows = 0
  }
  if (kind === 'attachments') {
    posInt('maxFiles', 5)
    posInt('maxSizeMB', 20)
    const accept = asArr(out.accept).filter((t) => (ATTACHMENT_TYPES as readonly unknown[]).includes(t))
    out.accept = accept.length ? accept : ['pdf']
  }
  if (kind === 'gate') {
    if (typeof out.stopWhen !== 'boolean') out.stopWhen = true
    if (typeof out.stopMessage !== 'string') out.stopMessage = ''
  }
  if (kind === 'domain' && typeof out.directionRequired !== 'boolean') out.directionRequired = false
  if (out.visibleIf !== undefined && !isObj(out.visibleIf)) delete out.visibleIf
  if (out.required !== undefined && typeof out.required !== 'boolean') delete out.required
  return out
}

// ---- JSON ----------------------------------------------------------------------------------

/** The JSON text of a definition as the JSON tab and a download show it. */
export const toJson = (def: unknown): string => JSON.stringify(def, null, 2) ?? ''

/** Parses JSON text; a syntax error comes back in Chinese, with its line and column where known. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: '内容为空，应为一个 JSON 对象' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e)
    const lineCol = /line (\d+) column (\d+)/.exec(raw)
    const pos = /position (\d+)/.exec(raw)
    let where = ''
    if (lineCol) where = `第 ${lineCol[1]} 行第 ${lineCol[2]} 列`
    else if (pos) {
      const before = text.slice(0, Number(pos[1]))
      const line = before.split('\n').length
      const column = before.length - before.lastIndexOf('\n')
      where = `第 ${line} 行第 ${column} 列`
    }
    const what = /Unexpected end/i.test(raw) ? '内容不完整（可能缺少右括号或引号）' : /Unexpected token|Unexpected non-whitespace|Expected/i.test(raw) ? '有不符合 JSON 语法的字符' : '格式不正确'
    return { ok: false, message: `JSON 语法错误：${where ? `${where}附近` : ''}${what}。请检查引号、逗号和括号是否配对。` }
  }
}

// ---- key order -----------------------------------------------------------------------------

/** The keys of one kind of object in the order campaign files write them, and what is inside. */
interface Shape {
  keys: string[]
  children?: Record<string, Shape | { items: Shape }>
}
const list = (items: Shape) => ({ items })
const FIELD_SHAPE: Shape = {
  keys: ['id', 'kind', 'label', 'help', 'placeholder', 'required', 'visibleIf', 'format', 'minLength', 'maxLength', 'options', 'minItems', 'maxItems', 'directionRequired', 'unit', 'min', 'max', 'precision', 'minRows', 'maxRows', 'maxFiles', 'maxSizeMB', 'accept', 'stopWhen', 'stopMessage'],
  children: { options: list({ keys: ['value', 'label', 'hint', 'other', 'otherMaxLength'] }), visibleIf: { keys: ['field', 'equals', 'includes', 'unitType'] } }
}
const RULE_SHAPE: Shape = { keys: ['id', 'field', 'op', 'value', 'appliesTo', 'message'] }
const ROOT_SHAPE: Shape = {
  keys: [
    'id', 'title', 'issuer', 'coIssuers', 'tagline', 'summary', 'notice', 'timezone', 'opensOn', 'deadlines', 'unitTypes', 'eligibleUnitTypes',
    'eligibility', 'validations', 'demandLimit', 'domains', 'recommenders', 'contacts', 'steps', 'summaryColumns', 'reminders', 'deliverables', 'templates'
  ],
  children: {
    deadlines: { keys: ['enterprise', 'recommender'] },
    unitTypes: list({ keys: ['id', 'label'] }),
    eligibility: list(RULE_SHAPE),
    validations: list(RULE_SHAPE),
    demandLimit: { keys: ['perEnterprise', 'byUnitType', 'note'] },
    domains: list({ keys: ['id', 'label', 'group', 'directions'] }),
    recommenders: {
      keys: ['unitTypes', 'units', 'fields', 'keyMark', 'signOffs'],
      children: {
        unitTypes: list({ keys: ['id', 'label', 'quota', 'subQuotas'], children: { subQuotas: list({ keys: ['id', 'label', 'max', 'when'] }) } }),
        units: list({ keys: ['id', 'name', 'type'] }),
        fields: list(FIELD_SHAPE),
        keyMark: { keys: ['label', 'max'] },
        signOffs: list({ keys: ['id', 'label'] })
      }
    },
    deliverables: list({ keys: ['id', 'label'] }),
    templates: list({ keys: ['name', 'url'] }),
    contacts: list({ keys: ['group', 'topic', 'person', 'phone'] }),
    steps: list({ keys: ['id', 'title', 'description', 'fields'], children: { fields: list(FIELD_SHAPE) } }),
    summaryColumns: list({ keys: ['header', 'source'] }),
    reminders: { keys: ['enterprise', 'recommender', 'quietHours'], children: { quietHours: { keys: ['start', 'end'] } } }
  }
}

function shaped(v: unknown, s: Shape | { items: Shape }): unknown {
  if ('items' in s) return Array.isArray(v) ? v.map((x) => shaped(x, s.items)) : v
  if (!isObj(v)) return v
  const out: Obj = {}
  for (const k of s.keys) {
    if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = s.children?.[k] ? shaped(v[k], s.children[k]) : v[k]
  }
  for (const k of Object.keys(v)) if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = v[k]
  return out
}

/**
 * The definition with its keys in the order campaign files use (the database keeps JSON
 * objects with their keys sorted its own way): what the JSON tab shows and a download holds.
 */
export const canonical = (def: unknown): unknown => shaped(def, ROOT_SHAPE)

/** JSON text with every object's keys sorted: equal for equal definitions, whatever their key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : stableJson(x))).join(',')}]`
  if (isObj(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}
