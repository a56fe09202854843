/**
 * The four charts as AntV F2 element trees (F2's own `jsx`, called as a function: the files
 * around it use React's JSX). Imported piece by piece so only the bar geometry, axes, legend and
 * guides are bundled. A white ground is drawn first, so a saved PNG reads on any viewer.
 */
import { Axis, Chart, Interval, Legend, LineGuide, TextGuide, jsx } from '@antv/f2'
import type { DemandStatus } from '../../../../../types/domain'
import type { DailyRecord, MatrixRecord, QuotaRecord, ThemeRecord } from './data'
import { INK, PAIR, STATUS_COLORS, THEME_COLOR } from './palette'

/** F2's element factory, loosely typed: its component classes do not fit its own ElementType. */
const h = jsx as unknown as (type: unknown, props: object | null, ...children: unknown[]) => unknown

/** F2's px are a 750-wide design's (chart-canvas.tsx): 24px is 12 CSS px. */
const LABEL = { fill: INK.text, fontSize: '24px' }
const AXIS = { label: LABEL, grid: { stroke: INK.grid } }
const LEGEND = { nameStyle: { fill: INK.text, fontSize: '24px' } }

/**
 * The count axis in whole numbers (counts of demands): from 0 to the tallest stack, rounded up
 * to a whole step, with at most five ticks; F2's own ticks fall between whole numbers.
 */
function countScale<R extends object>(data: R[], category: keyof R & string) {
  const totals = new Map<unknown, number>()
  for (const r of data) totals.set(r[category], (totals.get(r[category]) ?? 0) + Number((r as { count?: number }).count ?? 0))
  const top = Math.max(1, ...totals.values())
  const step = Math.max(1, Math.ceil(top / 4))
  const max = Math.ceil(top / step) * step
  return { min: 0, max, ticks: Array.from({ length: max / step + 1 }, (_, i) => i * step) }
}

/** Bars across (transposed): the category on the left, the count along. */
function barsAcross<R extends object>(data: R[], category: keyof R & string, colour: { field: string; range: string[] } | string, stacked: boolean) {
  return h(
    Chart,
    { data, coord: { transposed: true }, scale: { count: countScale(data, category) } },
    h(Axis, { field: category, style: { label: LABEL } }),
    h(Axis, { field: 'count', style: AXIS }),
    h(Interval, { x: category, y: 'count', color: colour, ...(stacked ? { adjust: 'stack' } : {}) }),
    typeof colour === 'string' ? null : h(Legend, { position: 'top', ...LEGEND })
  )
}

export const matrixChart = (data: MatrixRecord[], statuses: DemandStatus[]) =>
  barsAcross(data, 'field', { field: 'status', range: STATUS_COLORS.filter(([s]) => statuses.includes(s)).map(([, c]) => c) }, true)

export const quotaChart = (data: QuotaRecord[]) => barsAcross(data, 'unit', { field: 'kind', range: [PAIR[0], INK.grid] }, true)

export const returnsChart = (data: ThemeRecord[]) => barsAcross(data, 'theme', THEME_COLOR, false)

/** Submissions per day, upright bars, the deadline day marked by a dashed line. */
export function dailyChart(data: DailyRecord[], deadline: string | null) {
  const days = [...new Set(data.map((d) => d.day))]
  // a label every few days, so they do not run into each other on a phone
  const step = Math.ceil(days.length / 6)
  return h(
    Chart,
    { data, scale: { count: countScale(data, 'day'), day: { ticks: days.filter((_, i) => i % step === 0 || days[i] === deadline) } } },
    h(Axis, { field: 'day', style: { label: LABEL } }),
    h(Axis, { field: 'count', style: AXIS }),
    h(Interval, { x: 'day', y: 'count', color: { field: 'kind', range: PAIR }, adjust: 'stack' }),
    h(Legend, { position: 'top', ...LEGEND }),
    deadline
      ? [
          h(LineGuide, { records: [{ day: deadline, count: 'min' }, { day: deadline, count: 'max' }], style: { stroke: INK.danger, lineDash: [4, 4], lineWidth: 1 } }),
          h(TextGuide, { records: [{ day: deadline, count: 'max' }], content: '截止', offsetY: -8, style: { fill: INK.danger, fontSize: '22px', textAlign: 'end' } })
        ]
      : null
  )
}

