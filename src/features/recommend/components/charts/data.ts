/**
 * What each overview chart shows, as plain records for the canvas, rows for its hidden table and
 * a one-line Chinese summary (shown under the title and read out for the canvas).
 */
import { DEMAND_STATUS_LABELS, type DemandStatus } from '../../../../../types/domain'
import type { BureauOverview } from '../../../../../types/recommend'
import { STATUS_COLORS } from './palette'

export interface ChartData<R> {
  records: R[]
  /** Nothing to draw: the card shows its empty state. */
  empty: boolean
  summary: string
  table: { columns: string[]; rows: Array<Array<string | number>> }
}

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '0%')
const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
/** Axis labels: a long name keeps its first characters. */
export const clip = (text: string, max = 8) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text)

export interface MatrixRecord {
  field: string
  status: string
  count: number
}

/** Demands by field and status, for one unit ('' = all units). */
export function matrixData(o: BureauOverview, unitId: string): ChartData<MatrixRecord> & { statuses: DemandStatus[] } {
  const cells = o.charts.matrix.filter((c) => !unitId || c.unitId === unitId)
  const fields = [...o.byField.map((f) => ({ id: f.domain.id as string | null, label: f.domain.label })), { id: null, label: '未选领域' }]
  const statuses = STATUS_COLORS.map(([s]) => s).filter((s) => cells.some((c) => c.status === s))
  const count = (field: string | null, status: DemandStatus) =>
    cells.filter((c) => c.domainId === field && c.status === status).reduce((n, c) => n + c.count, 0)
  const used = fields.filter((f) => cells.some((c) => c.domainId === f.id))
  const records = used.flatMap((f) => statuses.map((s) => ({ field: clip(f.label), status: DEMAND_STATUS_LABELS[s], count: count(f.id, s) })))
  const totals = used.map((f) => ({ label: f.label, n: statuses.reduce((n, s) => n + count(f.id, s), 0) }))
  const total = totals.reduce((n, t) => n + t.n, 0)
  const top = [...totals].sort((a, b) => b.n - a.n)[0]
  const unitName = unitId ? (o.byUnit.find((u) => u.unit.id === unitId)?.unit.name ?? '') : '全部推荐单位'
  return {
    records,
    statuses,
    empty: total === 0,
    summary: total ? `${unitName}共收到${total}项需求，分布在${used.length}个领域，最多的是“${top.label}”（${top.n}项）。` : `${unitName}尚未收到需求。`,
    table: {
      columns: ['领域', ...statuses.map((s) => DEMAND_STATUS_LABELS[s]), '合计'],
      rows: used.map((f, i) => [f.label, ...statuses.map((s) => count(f.id, s)), totals[i].n])
    }
  }
}

export interface DailyRecord {
  day: string
  kind: string
  count: number
}

export const FIRST = '首次提交'
export const AGAIN = '修改后再次提交'

/** Submissions per campaign day, the deadline day marked. */
export function dailyData(o: BureauOverview): ChartData<DailyRecord> & { deadline: string | null } {
  const { days, deadlineDay, total, lastEvening } = o.charts.daily
  const records = days.flatMap((d) => [
    { day: shortDay(d.day), kind: FIRST, count: d.first },
    { day: shortDay(d.day), kind: AGAIN, count: d.again }
  ])
  const onDeadline = days.find((d) => d.day === deadlineDay)
  const again = days.reduce((n, d) => n + d.again, 0)
  const tail = onDeadline
    ? `截止日（${shortDay(deadlineDay)}）${onDeadline.first + onDeadline.again}次，其中当晚18时后${lastEvening}次。`
    : `填报截止日为${shortDay(deadlineDay)}。`
  return {
    records,
    deadline: onDeadline ? shortDay(deadlineDay) : null,
    empty: total === 0,
    summary: total ? `共提交${total}次（修改后再次提交${again}次）；${tail}` : `尚无企业提交需求；${tail}`,
    table: { columns: ['日期', FIRST, AGAIN], rows: days.map((d) => [shortDay(d.day), d.first, d.again]) }
  }
}

export interface QuotaRecord {
  unit: string
  kind: string
  count: number
}

export const USED = '已推荐'
export const LEFT = '剩余名额'

/** Recommended against quota, for the units that received demands or have recommended. */
export function quotaData(o: BureauOverview): ChartData<QuotaRecord> {
  const units = o.byUnit.filter((u) => u.received > 0 || u.recommended > 0)
  const records = units.flatMap((u) => [
    { unit: clip(u.unit.name), kind: USED, count: u.recommended },
    { unit: clip(u.unit.name), kind: LEFT, count: u.quota === null ? 0 : Math.max(u.quota - u.recommended, 0) }
  ])
  const limited = units.filter((u) => u.quota !== null)
  const used = limited.reduce((n, u) => n + u.recommended, 0)
  const quota = limited.reduce((n, u) => n + (u.quota ?? 0), 0)
  const full = limited.filter((u) => u.recommended >= (u.quota ?? 0)).length
  return {
    records,
    empty: units.length === 0,
    summary: units.length
      ? `${units.length}个推荐单位已推荐${units.reduce((n, u) => n + u.recommended, 0)}项，用去名额${used}/${quota}项（${percent(used, quota)}）；${full}个单位名额已满。`
      : '尚无推荐单位收到需求。',
    table: {
      columns: ['推荐单位', '收到', USED, '名额'],
      rows: units.map((u) => [u.unit.name, u.received, u.recommended, u.quota ?? '不限'])
    }
  }
}

export interface ThemeRecord {
  theme: string
  count: number
}

/** Returns for revision by the theme of their reason. */
export function returnsData(o: BureauOverview): ChartData<ThemeRecord> {
  const { total, themes } = o.charts.returns
  const top = [...themes].sort((a, b) => b.count - a.count)[0]
  return {
    records: themes.map((t) => ({ theme: t.label, count: t.count })),
    empty: total === 0,
    summary: total ? `共退回修改${total}次，最常见的是“${top.label}”（${top.count}次，占${percent(top.count, total)}）。` : '尚无退回修改的需求。',
    table: { columns: ['主题', '次数', '常见原因'], rows: themes.map((t) => [t.label, t.count, t.examples.join('；')]) }
  }
}
