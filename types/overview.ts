/**
 * The bureau's campaign at a glance (issue 16 §3), pure: the charts' data as the server sends
 * it, return reasons grouped into a few themes by keyword rules, and submissions bucketed into
 * the campaign's calendar days. Shared by the server (aggregates, workbook sheets) and the app
 * (charts and their one-line summaries).
 */
import type { CalendarDay, CampaignTimezone } from './campaign'
import type { DemandStatus } from './domain'
import { addDays, dayOf, daysBetween, startOfDay } from './time'

// ─── Return reasons by theme ───────────────────────────────────────────────

export interface ReturnTheme {
  id: string
  label: string
  /** A reason belongs to the first theme (in list order) one of whose words it contains. */
  keywords: readonly string[]
}

/**
 * The themes, most specific first: “请补充量化指标” is about figures, not merely something
 * missing, so 指标不量化 is tried before 信息不全. A reason no word matches is 其他.
 */
export const RETURN_THEMES: readonly ReturnTheme[] = [
  {
    id: 'unquantified',
    label: '指标不量化',
    keywords: ['量化', '指标', '数值', '数据', '参数', '目标值', '现状值', '基准', '国内领先', '国际先进', '填补空白', '笼统', '空泛', '具体数字']
  },
  {
    id: 'material',
    label: '材料缺失',
    keywords: ['附件', '材料', '证明', '盖章', '扫描件', '上传', '营业执照', '承诺书', '合同', '发票', '佐证']
  },
  {
    id: 'scope',
    label: '不属于征集范围',
    keywords: ['范围', '不属于', '不符合', '不在', '领域', '方向', '非技术', '重复申报', '已立项', '无关']
  },
  {
    id: 'incomplete',
    label: '信息不全',
    keywords: ['不全', '不完整', '补充', '缺少', '缺失', '未填', '漏填', '完善', '联系人', '联系方式', '过于简单', '简略']
  }
]

export const OTHER_THEME = { id: 'other', label: '其他' } as const

/** The theme a return reason falls under (one per reason). */
export function themeOf(reason: string, themes: readonly ReturnTheme[] = RETURN_THEMES): { id: string; label: string } {
  const text = reason.replace(/\s+/g, '')
  const hit = themes.find((t) => t.keywords.some((k) => text.includes(k)))
  return hit ? { id: hit.id, label: hit.label } : OTHER_THEME
}

export interface ThemeCount {
  id: string
  label: string
  count: number
  /** Up to three of the most frequent reasons in the theme, as written. */
  examples: string[]
}

/** Counted reasons (reason → times given) grouped by theme, in the themes' order, 其他 last; every theme listed. */
export function countThemes(reasons: ReadonlyArray<{ reason: string; n: number }>, themes: readonly ReturnTheme[] = RETURN_THEMES): ThemeCount[] {
  const out: ThemeCount[] = [...themes, OTHER_THEME].map((t) => ({ id: t.id, label: t.label, count: 0, examples: [] }))
  const byId = new Map(out.map((t) => [t.id, t]))
  for (const { reason, n } of [...reasons].sort((a, b) => b.n - a.n)) {
    const t = byId.get(themeOf(reason, themes).id) as ThemeCount
    t.count += n
    if (t.examples.length < 3) t.examples.push(reason.trim())
  }
  return out
}

// ─── Submissions per day ───────────────────────────────────────────────────

/** Submissions in one clock hour (UTC, epoch ms of its start): first ones and resubmissions after a return or an edit. */
export interface HourCount {
  hour: number
  first: number
  again: number
}

export interface DayCount {
  day: CalendarDay
  first: number
  again: number
}

export interface DailySubmissions {
  days: DayCount[]
  /** The enterprise deadline's inclusive day. */
  deadlineDay: CalendarDay
  total: number
  /** Submitted on the deadline day from 18:00 (campaign time) on: the last-evening rush. */
  lastEvening: number
}

/** The evening starts at 18:00 on the deadline day. */
const EVENING_HOUR = 18
/** A chart of more days than this starts at the last ones (the first ones are in the sheet's total). */
export const MAX_CHART_DAYS = 62

/**
 * Hour counts as campaign days: from the first day with a submission to the deadline day (or
 * to today, while the deadline is ahead), days without any listed with zeros. The time zone's
 * offset is whole hours, so an hour never straddles two days.
 */
export function dailySubmissions(hours: readonly HourCount[], deadlineDay: CalendarDay, tz: CampaignTimezone, now: number): DailySubmissions {
  const perDay = new Map<CalendarDay, DayCount>()
  let total = 0
  let lastEvening = 0
  const eveningStart = startOfDay(deadlineDay, tz) + EVENING_HOUR * 3_600_000
  const eveningEnd = startOfDay(addDays(deadlineDay, 1), tz)
  for (const h of hours) {
    const day = dayOf(h.hour, tz)
    const d = perDay.get(day) ?? { day, first: 0, again: 0 }
    d.first += h.first
    d.again += h.again
    perDay.set(day, d)
    total += h.first + h.again
    if (h.hour >= eveningStart && h.hour < eveningEnd) lastEvening += h.first + h.again
  }
  const seen = [...perDay.keys()].sort()
  const today = dayOf(now, tz)
  const last = [seen[seen.length - 1] ?? today, today < deadlineDay ? today : deadlineDay].sort()[1]
  const first = seen[0] ?? last
  const span = Math.min(daysBetween(first, last), MAX_CHART_DAYS - 1)
  const days: DayCount[] = []
  for (let i = span; i >= 0; i--) {
    const day = addDays(last, -i)
    days.push(perDay.get(day) ?? { day, first: 0, again: 0 })
  }
  return { days, deadlineDay, total, lastEvening }
}

// ─── What the overview's charts show ───────────────────────────────────────

/** Demands of one field, unit and status (latest submission). */
export interface MatrixCell {
  domainId: string | null
  unitId: string
  status: DemandStatus
  count: number
}

export interface OverviewCharts {
  matrix: MatrixCell[]
  daily: DailySubmissions
  returns: { total: number; themes: ThemeCount[] }
}

/** One sheet of the summary workbook. */
export interface OverviewSheet {
  name: string
  columns: string[]
  rows: Array<Array<string | number>>
}
