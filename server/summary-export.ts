/**
 * The summary sheet (汇总表) as xlsx: a title row naming the campaign and unit, the campaign's
 * summary columns, one row per recommended demand in recommendation order (the bureau's:
 * grouped by unit in the campaign's order). Streamed: rows are read in batches along the index
 * of the ranked lists and written as the download takes them, so memory stays flat whatever the
 * number of demands.
 *
 * Besides the enterprise's answers and profile, columns show what the recommending unit gave:
 * `recommender:<field id>` (its answers and sign-off opinions, readably), `keyRecommended` and
 * `deliverable:<id>` (✓ when marked / received, else blank).
 *
 * No cell ever runs: text starting with = + - @ (or a tab / carriage return) is written with
 * a leading apostrophe, so a spreadsheet shows it as text instead of evaluating it.
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { allFields, type CampaignDefinition } from '../types/campaign'
import { displayAnswer, summarySheet, unitName, type DisplayValue, type SummaryRow } from '../types/display'
import { recommenderDefinition, recommenderFields } from '../types/recommender-fields'
import type { Profile } from '../types/domain'
import type { OverviewSheet } from '../types/overview'
import type { Queryable } from './db'
import { overviewSheets } from './overview'
import { campaignFor, unitsInScope, type Reviewer } from './recommend'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const BATCH = 1000
/** SQL: the unit's record on demand `d` is its current unit's (server/recommend.ts, migration 009). */
const OWN = 'd.recommender_data_unit IS NOT DISTINCT FROM d.recommender_unit'

/** Text a spreadsheet would take for a formula (or DDE) is prefixed with an apostrophe. */
export function neutralise<T extends DisplayValue>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export interface ExportPlan {
  def: CampaignDefinition
  campaignId: string
  /** The units whose ranked lists the sheet shows, in the campaign's order. */
  units: string[]
  title: string
  fileName: string
  /** The bureau's workbook also carries the overview's charts, a sheet each (server/overview.ts). */
  chartSheets: OverviewSheet[]
}

/** What a row shows beyond the enterprise's answers: the recommending unit's record. */
export interface ExportRow extends SummaryRow {
  recommenderAnswers: Record<string, unknown>
  keyRecommended: boolean
  deliverables: string[]
}

const TICK = '✓'
/** The body's cells carry no style of their own: General, the workbook's default. */
const PLAIN: Partial<ExcelJS.Style> = { numFmt: 'General' }
/** An empty answer is no cell at all (undefined: exceljs makes no cell object for it); text is neutralised. */
const cellValue = (value: DisplayValue) => (value === null ? undefined : neutralise(value))

/**
 * The summary sheet's headers and rows: the columns types/display.ts renders (rank, unit,
 * field:, profile:), and in their places the ones the recommending unit fills.
 */
export function exportSheet(def: CampaignDefinition): { headers: string[]; row: (r: ExportRow) => DisplayValue[] } {
  const base = summarySheet(def)
  const form = recommenderDefinition(def)
  const fields = new Map(recommenderFields(def).map((f) => [f.id, f]))
  const own = def.summaryColumns.map(({ source }): ((r: ExportRow) => DisplayValue) | null => {
    if (source === 'keyRecommended') return (r) => (r.keyRecommended ? TICK : null)
    if (source.startsWith('deliverable:')) {
      const id = source.slice('deliverable:'.length)
      return (r) => (r.deliverables.includes(id) ? TICK : null)
    }
    if (source.startsWith('recommender:')) {
      const field = fields.get(source.slice('recommender:'.length))
      return field ? (r) => displayAnswer(form, field, r.recommenderAnswers[field.id]) : () => null
    }
    return null
  })
  return {
    headers: base.headers,
    row: (r) =>
      base.row(r).map((v, i) => {
        const cell = own[i]
        return cell ? cell(r) : v
      })
  }
}

/** Checks access and names the sheet before anything is sent, so errors are still JSON. */
export async function planExport(db: Queryable, viewer: Reviewer, campaignId: string, now: number, unit?: string): Promise<ExportPlan> {
  const { definition: def } = await campaignFor(db, viewer, campaignId)
  const units = unitsInScope(def, viewer, unit)
  const scope = units.length === 1 ? unitName(def, units[0]) : '全部推荐单位'
  const chartSheets = viewer.role === 'bureau' ? await overviewSheets(db, viewer, campaignId, now) : []
  return { def, campaignId, units, title: `${def.title}汇总表（${scope}）`, fileName: `${def.title}汇总表-${scope}.xlsx`, chartSheets }
}

interface ExportRecord extends ExportRow {
  rank: number
  profile: Profile
}

/**
 * The next rows of a unit's ranked list after place `afterRank`, in order: read along the index
 * of the ranked lists (demands_unit_rank), `size` at a time, so no query holds more than a batch.
 * Each row's submitted version is looked up by its key (the LATERAL … LIMIT 1 keeps it a lookup:
 * joined plainly, the planner hashed the whole demand_versions table for every batch, so the
 * export grew with the square of the demands). Only the answers the columns show leave the
 * database, not the long texts.
 */
function rankedBatch(db: Queryable, plan: ExportPlan, unused: string[], unit: string, afterRank: number, size: number): Promise<ExportRecord[]> {
  return db.query<ExportRecord>(
    `SELECT d.rank, d.recommender_unit AS "unitId", v.answers - $4::text[] AS answers, v.profile, d.key_recommended AS "keyRecommended",
            CASE WHEN ${OWN} THEN d.recommender_answers ELSE '{}'::jsonb END AS "recommenderAnswers",
            CASE WHEN ${OWN} THEN d.deliverables_received ELSE '{}'::text[] END AS deliverables
       FROM (SELECT d.id, d.rank, d.recommender_unit, d.recommender_data_unit, d.submitted_version, d.key_recommended,
                    d.recommender_answers, d.deliverables_received
               FROM demands d WHERE d.campaign_id = $1 AND d.recommender_unit = $2 AND d.rank > $3 ORDER BY d.rank LIMIT $5) d
      CROSS JOIN LATERAL (SELECT v.answers, v.profile FROM demand_versions v
                           WHERE v.demand_id = d.id AND v.number = d.submitted_version LIMIT 1) v
      ORDER BY d.rank`,
    [plan.campaignId, unit, afterRank, unused, size],
    { name: 'export-batch' }
  )
}

/** Writes the sheet to `out`; `batch`: rows per query (tests cross batch boundaries with a few rows). */
export async function writeSummary(db: Queryable, plan: ExportPlan, out: Writable, batch = BATCH): Promise<void> {
  const { headers, row } = exportSheet(plan.def)
  // Fast compression: the sheet is small next to the time a high level costs.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } })
  const sheet = workbook.addWorksheet('汇总表', { views: [{ state: 'frozen', ySplit: 2 }] })
  sheet.columns = headers.map((h) => ({ width: Math.min(40, Math.max(8, [...h].length * 2 + 2)) }))

  const title = sheet.addRow([neutralise(plan.title)])
  title.font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, Math.max(1, headers.length))
  title.commit()
  const head = sheet.addRow(headers.map(neutralise))
  head.font = { bold: true }
  head.commit()

  const shown = new Set(plan.def.summaryColumns.map((c) => c.source))
  const unused = allFields(plan.def).filter((f) => !shown.has(`field:${f.id}`)).map((f) => f.id)
  for (const unitId of plan.units) {
    let next = rankedBatch(db, plan, unused, unitId, 0, batch)
    for (;;) {
      const rows = await next
      // The next batch is read while this one is written.
      if (rows.length === batch) {
        next = rankedBatch(db, plan, unused, unitId, rows[batch - 1].rank, batch)
        next.catch(() => undefined) // awaited below; never an unhandled rejection if writing fails first
      }
      for (const r of rows) {
        const line = sheet.addRow(row(r).map(cellValue))
        // One style object for every cell of the body: exceljs then looks its id up once (a fresh
        // object per cell cost it a style rendered as XML for every cell, half the rows' CPU time).
        line.eachCell((cell) => void (cell.style = PLAIN))
        line.commit()
      }
      if (!(await taken(out))) return next.then(() => undefined, () => undefined)
      if (rows.length < batch) break
    }
  }
  sheet.commit()
  for (const chart of plan.chartSheets) {
    const extra = workbook.addWorksheet(chart.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    extra.columns = chart.columns.map((h) => ({ width: Math.max(10, [...h].length * 2 + 2) }))
    const top = extra.addRow(chart.columns.map(neutralise))
    top.font = { bold: true }
    top.commit()
    for (const values of chart.rows) extra.addRow(values.map(neutralise)).commit()
    extra.commit()
  }
  await workbook.commit()
}

/**
 * As fast as the download goes, not faster: waits while what was written is not yet taken, so
 * what waits to be sent stays about a batch. False when the download was abandoned.
 */
async function taken(out: Writable): Promise<boolean> {
  if (out.writableNeedDrain && !out.destroyed) {
    const stop = new AbortController()
    await Promise.race([once(out, 'drain', { signal: stop.signal }), once(out, 'close', { signal: stop.signal })]).finally(() => stop.abort())
  }
  return !out.destroyed
}
