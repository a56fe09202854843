/**
 * The bureau's overview of a campaign (issue 16 §3): counts overall, by unit and by field, and
 * the charts' data: demands by field × unit × status, submissions per campaign day against the
 * enterprise deadline, quota use per unit (from the counts by unit) and return reasons by theme
 * (types/overview.ts). One query per chart, each starting from the campaign's demands along
 * the inbox indexes (migrations 004, 011) and reaching their status events by
 * demand_status_events_demand. Also the same data as sheets for the summary workbook.
 */
import { quotaOf } from '../types/campaign'
import { unitName, unitRef } from '../types/display'
import { DEMAND_STATUS_LABELS, type DemandStatus } from '../types/domain'
import { countThemes, dailySubmissions, type HourCount, type OverviewCharts, type OverviewSheet } from '../types/overview'
import type { BureauOverview } from '../types/recommend'
import type { Queryable } from './db'
import { campaignFor, tally, type Reviewer } from './recommend'

const HOUR_MS = 3_600_000

interface CountRow {
  unitId: string
  domainId: string | null
  status: DemandStatus
  n: number
}

/** The bureau's overview of its campaign at `now` (the server's clock). */
export async function bureauOverview(db: Queryable, viewer: Reviewer, campaignId: string, now: number): Promise<BureauOverview> {
  const { definition: def } = await campaignFor(db, viewer, campaignId)
  const [rows, hours, reasons] = await Promise.all([
    db.query<CountRow>(
      `SELECT recommender_unit AS "unitId", domain_id AS "domainId", status, count(*)::int AS n FROM demands
        WHERE campaign_id = $1 AND recommender_unit IS NOT NULL GROUP BY 1, 2, 3`,
      [campaignId]
    ),
    // Hours as epoch arithmetic, not date_trunc: that would follow the session's time zone.
    db.query<HourCount>(
      `SELECT (floor(extract(epoch FROM e.at) * 1000 / ${HOUR_MS}) * ${HOUR_MS})::float8 AS hour,
              count(*) FILTER (WHERE e.from_status = 'draft')::int AS first,
              count(*) FILTER (WHERE e.from_status <> 'draft')::int AS again
         FROM demands d JOIN demand_status_events e ON e.demand_id = d.id AND e.action = 'submit'
        WHERE d.campaign_id = $1 AND d.recommender_unit IS NOT NULL GROUP BY 1`,
      [campaignId]
    ),
    db.query<{ reason: string; n: number }>(
      `SELECT e.reason, count(*)::int AS n
         FROM demands d JOIN demand_status_events e ON e.demand_id = d.id AND e.action = 'return'
        WHERE d.campaign_id = $1 AND d.recommender_unit IS NOT NULL AND e.reason IS NOT NULL GROUP BY 1`,
      [campaignId]
    )
  ])
  const selected = (rs: CountRow[]) => rs.filter((r) => r.status === 'selected').reduce((s, r) => s + r.n, 0)
  const byUnit = def.recommenders.units.map((u) => {
    const rs = rows.filter((r) => r.unitId === u.id)
    const c = tally(rs)
    return { unit: unitRef(def, u.id), quota: quotaOf(def, u.id), received: c.received, reviewed: c.reviewed, recommended: c.recommended, selected: selected(rs) }
  })
  const byField = def.domains.map((d) => {
    const rs = rows.filter((r) => r.domainId === d.id)
    const c = tally(rs)
    return { domain: { id: d.id, label: d.label }, received: c.received, recommended: c.recommended, selected: selected(rs) }
  })
  const themes = countThemes(reasons)
  const charts: OverviewCharts = {
    matrix: rows.map((r) => ({ domainId: r.domainId, unitId: r.unitId, status: r.status, count: r.n })),
    daily: dailySubmissions(hours, def.deadlines.enterprise, def.timezone, now),
    returns: { total: themes.reduce((s, t) => s + t.count, 0), themes }
  }
  return { counts: { ...tally(rows), selected: selected(rows) }, byUnit, byField, charts }
}

/**
 * The overview's charts as sheets for the bureau's summary workbook, one per chart, in the
 * order the overview shows them. Names fit a worksheet's 31 characters.
 */
export async function overviewSheets(db: Queryable, viewer: Reviewer, campaignId: string, now: number): Promise<OverviewSheet[]> {
  const { definition: def } = await campaignFor(db, viewer, campaignId)
  const o = await bureauOverview(db, viewer, campaignId, now)
  const field = (id: string | null) => def.domains.find((d) => d.id === id)?.label ?? '未选领域'
  const unitOrder = new Map(def.recommenders.units.map((u, i) => [u.id, i]))
  const fieldOrder = new Map(def.domains.map((d, i) => [d.id, i]))
  const matrix = [...o.charts.matrix].sort(
    (a, b) =>
      (fieldOrder.get(a.domainId ?? '') ?? Infinity) - (fieldOrder.get(b.domainId ?? '') ?? Infinity) ||
      (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) ||
      a.status.localeCompare(b.status)
  )
  return [
    {
      name: '领域×推荐单位×状态',
      columns: ['领域', '推荐单位', '状态', '需求数'],
      rows: matrix.map((c) => [field(c.domainId), unitName(def, c.unitId), DEMAND_STATUS_LABELS[c.status], c.count])
    },
    {
      name: '每日提交',
      columns: ['日期', '首次提交', '修改后再次提交', '合计', '截止日'],
      rows: o.charts.daily.days.map((d) => [d.day, d.first, d.again, d.first + d.again, d.day === o.charts.daily.deadlineDay ? '是' : ''])
    },
    {
      name: '名额使用',
      columns: ['推荐单位', '收到需求', '已推荐', '名额', '使用率'],
      rows: o.byUnit.map((u) => [u.unit.name, u.received, u.recommended, u.quota ?? '不限', u.quota ? `${Math.round((u.recommended / u.quota) * 100)}%` : ''])
    },
    {
      name: '退回原因主题',
      columns: ['主题', '退回次数', '常见原因'],
      rows: o.charts.returns.themes.map((t) => [t.label, t.count, t.examples.join('；')])
    }
  ]
}
