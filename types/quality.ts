/**
 * The demand quality assistant: pure rules, shared by the wizard (hints under a field as it is
 * typed, a score on the review page) and the server (the recommender's inbox and demand view).
 * No model and no network: words, numbers and the campaign's own fields.
 *
 * What it finds (rule ids):
 * - `vague-claim`: a sentence claiming a standing or a gain (国内领先, 填补空白, 显著提升…) with
 *   no number in it: no metric, no baseline;
 * - `indicator-incomplete`: an indicator row without its current value, target or unit;
 * - `indicator-no-gain`: a row whose target does not improve on its current value (lower is
 *   better for 能耗, 误差, 成本…);
 * - `maturity-no-gain`: an expected maturity level not above the current one;
 * - `completion-window`: a completion date before the deadline or after the programme's years;
 * - `open-competition-amount`: 揭榜挂帅 chosen with no amount, or an amount above the total investment;
 * - `copied-text`: a long passage repeated from an earlier field;
 * - `title-is-area`: a title that only repeats the area's or direction's name.
 * Words and thresholds come from the campaign's `quality` settings, with the defaults below.
 */
import dayjs from 'dayjs'
import { allFields, type CampaignDefinition, type FieldDefinition, type QualitySettings } from './campaign'
import { demandTitle, isEmpty, visibleFields, type Answers, type DomainAnswer, type IndicatorRow } from './engine'

export type QualityRule =
  | 'vague-claim'
  | 'indicator-incomplete'
  | 'indicator-no-gain'
  | 'maturity-no-gain'
  | 'completion-window'
  | 'open-competition-amount'
  | 'copied-text'
  | 'title-is-area'

export interface QualityHint {
  rule: QualityRule
  /** The field the hint is about (shown under it). */
  field: string
  /** What to add, in Chinese; with `example` when the campaign or the defaults give one. */
  message: string
  example?: string
}

export interface QualityReport {
  /** 0–100: answered visible fields of those that can be answered. */
  completeness: number
  /** 0–100: lowered by each hint, by its weight. */
  specificity: number
  /** 0–100: the mean of the two. */
  score: number
  hints: QualityHint[]
  /** The three hints that matter most, most first. */
  top: QualityHint[]
}

export const DEFAULT_CLAIM_WORDS = [
  '国内领先',
  '国内先进',
  '国内一流',
  '国际领先',
  '国际先进',
  '国际一流',
  '世界领先',
  '世界一流',
  '行业领先',
  '领先水平',
  '先进水平',
  '填补空白',
  '填补国内空白',
  '填补国内外空白',
  '显著提升',
  '显著提高',
  '显著降低',
  '显著改善',
  '大幅提升',
  '大幅提高',
  '大幅降低',
  '明显提升',
  '明显提高',
  '明显降低',
  '明显改善',
  '有效提升',
  '有效提高',
  '有效降低',
  '极大提高',
  '极大提升',
  '重大突破',
  '突破性进展',
  '性能优异',
  '性能卓越',
  '达到国际',
  '达到国内',
  '打破国外垄断',
  '打破垄断',
  '明显优于',
  '显著优于',
  '处于…领先',
  '填补…空白'
]

/** Indicator names for which a lower target is the improvement. */
export const DEFAULT_LOWER_IS_BETTER = [
  '能耗',
  '功耗',
  '损耗',
  '成本',
  '误差',
  '偏差',
  '延迟',
  '时延',
  '耗时',
  '时间',
  '周期',
  '故障率',
  '不良率',
  '缺陷率',
  '失效率',
  '废品率',
  '噪声',
  '噪音',
  '排放',
  '重量',
  '质量损失',
  '粗糙度',
  '泄漏',
  '漏率',
  '杂质',
  '电阻',
  '价格',
  '待机'
]

const DEFAULT_EXAMPLES: Record<QualityRule, string> = {
  'vague-claim': '如：“定位精度由±0.5 mm提升至±0.05 mm，达到国际同类产品水平（对标某型号±0.05 mm）”。',
  'indicator-incomplete': '如：指标“减速器传动精度”，现状值“1.5”，目标值“0.5”，单位“弧分”。',
  'indicator-no-gain': '目标值应优于现状值，如能耗由“120”降至“80”（kWh/t）。',
  'maturity-no-gain': '如：当前成熟度 3 级（关键功能经实验验证），预期达到 6 级（相关环境中的系统样机演示）。',
  'completion-window': '预期完成时间应在征集截止之后、项目实施周期之内。',
  'open-competition-amount': '写明愿意为“揭榜挂帅”投入的金额（万元），且不超过项目总投入。',
  'copied-text': '每一项写各自的内容：背景写为什么需要，现状写已有基础，研究内容写要攻克什么。',
  'title-is-area': '如：“车规级MCU芯片功能安全关键技术研究”，而不只是“人工智能”。'
}

/** How much each rule lowers the specificity score, and orders the top three. */
const WEIGHTS: Record<QualityRule, number> = {
  'indicator-incomplete': 20,
  'vague-claim': 15,
  'indicator-no-gain': 15,
  'title-is-area': 15,
  'open-competition-amount': 15,
  'maturity-no-gain': 10,
  'completion-window': 10,
  'copied-text': 10
}

/** Years after the enterprise deadline a completion date may fall in, when the campaign says none. */
export const DEFAULT_COMPLETION_YEARS = 3
/** Characters a passage must share with an earlier field to count as copied. */
export const COPY_MIN_CHARS = 20

const SENTENCE_END = /[。！？!?；;\n]+/
/** A figure: Arabic digits, or Chinese numerals with a measure (两倍, 三成, 百分之十). */
const FIGURE = /[0-9０-９]|百分之|[一二两三四五六七八九十百千万]+\s*(?:倍|成|个百分点|项|种|类|台|套|级|年|月|天|小时|分钟|秒|人|家)/

/** Numbers that measure nothing: years (2027年), names in quotes (“33618”集群), generations and formats (5G, 4K, 3D). */
const NOT_A_METRIC = /(?:19|20)\d{2}\s*年度?|“[^”]*”|"[^"]*"|\b[2-8][GKD]\b/g

/** A claim word as a pattern: `…` stands for up to 12 characters of the same sentence (填补…空白). */
function claimPattern(words: readonly string[]): RegExp {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/…/g, '[^。！？!?；;\\n]{0,12}')
  return new RegExp(words.map(escape).join('|'))
}

/** The sentences of a text that claim without a figure. */
export function vagueClaims(text: string, claimWords: readonly string[] = DEFAULT_CLAIM_WORDS): string[] {
  const claim = claimPattern(claimWords)
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s && claim.test(s) && !FIGURE.test(s.replace(NOT_A_METRIC, '')))
}

/** The first number in a cell ('≥95%', '1.5', '±0.05'), or null. */
function numberIn(cell: string): number | null {
  const m = /-?\d+(?:\.\d+)?/.exec(cell.replace(/[，,](?=\d{3})/g, ''))
  return m ? Number(m[0]) : null
}

/** What a row lacks, in the table's words; empty when complete. A row without a name is not yet a row. */
export function indicatorGaps(row: Partial<IndicatorRow>): string[] {
  if (!row.name?.trim()) return []
  const gaps: string[] = []
  if (!row.current?.trim()) gaps.push('现状值')
  if (!row.target?.trim()) gaps.push('目标值')
  if (!row.unit?.trim() && !/%|％/.test(`${row.current ?? ''}${row.target ?? ''}`)) gaps.push('单位')
  return gaps
}

/** Whether a complete row's target is no better than its current value (both numbers). */
export function noGain(row: IndicatorRow, lowerIsBetter: readonly string[] = DEFAULT_LOWER_IS_BETTER): boolean {
  const current = numberIn(row.current)
  const target = numberIn(row.target)
  if (current === null || target === null) return false
  const lower = lowerIsBetter.some((w) => row.name.includes(w))
  return lower ? target >= current : target <= current
}

/** Every passage of `COPY_MIN_CHARS` characters in a text: two texts share such a passage when their sets meet (linear, unlike a longest-common-substring table). */
function passages(text: string): Set<string> {
  const set = new Set<string>()
  for (let i = 0; i + COPY_MIN_CHARS <= text.length; i++) set.add(text.slice(i, i + COPY_MIN_CHARS))
  return set
}

const GENERIC_TITLE_WORDS = /技术|研究|研发|开发|关键|核心|应用|需求|项目|及|与|和|的|领域|方向|[\s·、，,（）()“”"-]/g

export function qualityReport(def: CampaignDefinition, answers: Answers, unitType?: string): QualityReport {
  const settings: QualitySettings = def.quality ?? {}
  const claimWords = settings.claimWords ?? DEFAULT_CLAIM_WORDS
  const example = (rule: QualityRule) => settings.examples?.[rule] ?? DEFAULT_EXAMPLES[rule]
  const hints: QualityHint[] = []
  const hint = (rule: QualityRule, field: string, message: string) => hints.push({ rule, field, message, example: example(rule) })
  const fields = visibleFields(def, answers, unitType)
  const textOf = (f: FieldDefinition) => (typeof answers[f.id] === 'string' ? (answers[f.id] as string).trim() : '')

  for (const f of fields) {
    if (f.kind !== 'textarea' && f.kind !== 'text') continue
    const claims = vagueClaims(textOf(f), claimWords)
    if (claims.length) hint('vague-claim', f.id, `“${clip(claims[0])}”只有结论没有数字：写明指标、现状值和对标对象`)
  }

  for (const f of fields) {
    if (f.kind !== 'indicators' || !Array.isArray(answers[f.id])) continue
    const rows = answers[f.id] as Partial<IndicatorRow>[]
    rows.forEach((row, i) => {
      const gaps = indicatorGaps(row)
      if (gaps.length) hint('indicator-incomplete', f.id, `第${i + 1}行“${clip(row.name ?? '')}”缺少${gaps.join('、')}`)
      else if (row.name?.trim() && noGain(row as IndicatorRow, settings.lowerIsBetter ?? DEFAULT_LOWER_IS_BETTER))
        hint('indicator-no-gain', f.id, `第${i + 1}行“${clip(row.name)}”的目标值没有优于现状值`)
    })
  }

  const maturities = fields.filter((f) => f.kind === 'maturity')
  if (maturities.length >= 2) {
    const [current, expected] = maturities.map((f) => answers[f.id])
    if (typeof current === 'number' && typeof expected === 'number' && expected <= current)
      hint('maturity-no-gain', maturities[1].id, `预期成熟度（${expected}级）应高于当前成熟度（${current}级）`)
  }

  const completion = fields.find((f) => f.kind === 'date')
  const date = completion && typeof answers[completion.id] === 'string' ? (answers[completion.id] as string) : ''
  if (completion && date) {
    const years = settings.completionWithinYears ?? DEFAULT_COMPLETION_YEARS
    const latest = dayjs(def.deadlines.enterprise).add(years, 'year').format('YYYY-MM-DD')
    if (date < def.deadlines.enterprise) hint('completion-window', completion.id, `${completion.label}早于征集截止（${def.deadlines.enterprise}）`)
    else if (date > latest) hint('completion-window', completion.id, `${completion.label}超出实施周期（征集截止后${years}年内，即 ${latest} 前）`)
  }

  const all = allFields(def)
  const total = all.find((f) => f.kind === 'amount' && /总投入|总投资/.test(f.label))
  for (const amount of all.filter((f) => f.kind === 'amount' && f.visibleIf?.field)) {
    const gate = all.find((f) => f.id === amount.visibleIf!.field)
    if (!gate || !/揭榜挂帅/.test(gate.label + amount.label) || !fields.includes(amount)) continue
    const value = answers[amount.id]
    const totalValue = total ? answers[total.id] : undefined
    if (typeof value !== 'number') hint('open-competition-amount', amount.id, `已选择“揭榜挂帅”，请填写${amount.label}`)
    else if (typeof totalValue === 'number' && value > totalValue) hint('open-competition-amount', amount.id, `${amount.label}（${value}）超过了${total!.label}（${totalValue}）`)
  }

  const texts = fields.filter((f) => f.kind === 'textarea' && textOf(f).length >= COPY_MIN_CHARS).map((f) => ({ f, passages: passages(textOf(f)) }))
  texts.forEach(({ f, passages: own }, i) => {
    const earlier = texts.slice(0, i).find((e) => [...own].some((p) => e.passages.has(p)))
    if (earlier) hint('copied-text', f.id, `与“${earlier.f.label}”有大段相同的文字`)
  })

  const title = demandTitle(def, answers)
  const domainField = fields.find((f) => f.kind === 'domain')
  const area = domainField ? (answers[domainField.id] as DomainAnswer | undefined) : undefined
  if (title && area?.domain) {
    const names = [def.domains.find((d) => d.id === area.domain)?.label ?? '', area.direction ?? '']
    const rest = names.reduce((t, n) => (n ? t.split(n.replace(GENERIC_TITLE_WORDS, '')).join('') : t), title.replace(GENERIC_TITLE_WORDS, ''))
    const titleField = all.find((f) => f.kind === 'text' && answers[f.id] === title)
    if (!rest && titleField) hint('title-is-area', titleField.id, '名称只重复了所属领域或方向：写明要攻克的具体技术和对象')
  }

  const answerable = fields.filter((f) => f.kind !== 'gate' && f.kind !== 'recommender' && f.kind !== 'attachments')
  const answered = answerable.filter((f) => !isEmpty(answers[f.id])).length
  const completeness = answerable.length ? Math.round((answered / answerable.length) * 100) : 100
  const specificity = Math.max(0, 100 - hints.reduce((n, h) => n + WEIGHTS[h.rule], 0))
  const top = [...hints].sort((a, b) => WEIGHTS[b.rule] - WEIGHTS[a.rule]).slice(0, 3)
  return { completeness, specificity, score: Math.round((completeness + specificity) / 2), hints, top }
}

function clip(s: string): string {
  return [...s].length > 24 ? `${[...s].slice(0, 24).join('')}…` : s
}
