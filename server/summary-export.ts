/**
 * The summary sheet (汇总表) as xlsx: a title row naming the campaign and unit, the campaign's
 * summary columns, one row per recommended demand in recommendation order (the bureau's:
 * grouped by unit in the campaign's order). Streamed: rows are read in batches and written
 * as they come, so memory stays flat whatever the number of demands.
 *
 * Besides the enterprise's answers and profile, columns show what the recommending unit gave:
 * `recommender:<field id>` (its answers and sign-off opinions, readably), `keyRecommended` and
 * `deliverable:<id>` (✓ when marked / received, else blank).
 *
 * No cell ever runs: text starting with = + - @ (or a tab / carriage return) is written with
 * a leading apostrophe, so a spreadsheet shows it as text instead of evaluating it.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { allFields, type CampaignDefinition } from '../types/campaign'
import { displayAnswer, summarySheet, unitName, type DisplayValue, type SummaryRow } from '../types/display'
import { recommenderDefinition, recommenderFields } from '../types/recommender-fields'
import type { Profile } from '../types/domain'
import type { Queryable } from './db'
import { campaignFor, rankedRows, unitsInScope, type Reviewer } from './recommend'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const BATCH = 500
/** SQL: the unit's record on demand `d` is its current unit's (server/recommend.ts, migration 009). */
const OWN = 'd.recommender_data_unit IS NOT DISTINCT FROM d.recommender_unit'

/** Text a spreadsheet would take for a formula (or DDE) is prefixed with an apostrophe. */
export function neutralise<T extends DisplayValue>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export interface ExportPlan {
  def: CampaignDefinition
  title: string
  fileName: string
  rows: Array<{ id: string; rank: number; unitId: string; keyRecommended: boolean }>
}

/** What a row shows beyond the enterprise's answers: the recommending unit's record. */
export interface ExportRow extends SummaryRow {
  recommenderAnswers: Record<string, unknown>
  keyRecommended: boolean
  deliverables: string[]
}

const TICK = '✓'

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

/** Checks access and fixes the order before anything is sent, so errors are still JSON. */
export async function planExport(db: Queryable, viewer: Reviewer, campaignId: string, unit?: string): Promise<ExportPlan> {
  const { definition: def } = await campaignFor(db, viewer, campaignId)
  const units = unitsInScope(def, viewer, unit)
  const scope = units.length === 1 ? unitName(def, units[0]) : '全部推荐单位'
  const rows = (await rankedRows(db, campaignId, units)).map(({ id, rank, unitId, keyRecommended }) => ({ id, rank, unitId, keyRecommended }))
  return { def, title: `${def.title}汇总表（${scope}）`, fileName: `${def.title}汇总表-${scope}.xlsx`, rows }
}

export async function writeSummary(db: Queryable, plan: ExportPlan, out: Writable): Promise<void> {
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

  // Only the answers the columns show leave the database, not the long texts (one operator,
  // so the stored answers are read once per row).
  const shown = new Set(plan.def.summaryColumns.map((c) => c.source))
  const unused = allFields(plan.def).filter((f) => !shown.has(`field:${f.id}`)).map((f) => f.id)
  const fetch = (from: number) => {
    const pending = db.query<{
      id: string
      answers: Record<string, unknown>
      profile: Profile
      recommenderAnswers: Record<string, unknown>
      keyRecommended: boolean
      deliverables: string[]
    }>(
      `SELECT d.id, v.answers - $2::text[] AS answers, v.profile, d.key_recommended AS "keyRecommended",
              CASE WHEN ${OWN} THEN d.recommender_answers ELSE '{}'::jsonb END AS "recommenderAnswers",
              CASE WHEN ${OWN} THEN d.deliverables_received ELSE '{}'::text[] END AS deliverables
         FROM demands d JOIN demand_versions v ON v.demand_id = d.id AND v.number = d.submitted_version
        WHERE d.id = ANY($1::uuid[])`,
      [plan.rows.slice(from, from + BATCH).map((r) => r.id), unused]
    )
    pending.catch(() => undefined) // awaited below; never an unhandled rejection if writing fails first
    return pending
  }
  // The next batch is read while this one is written.
  let next = fetch(0)
  for (let i = 0; i < plan.rows.length; i += BATCH) {
    const batch = plan.rows.slice(i, i + BATCH)
    const found = await next
    if (i + BATCH < plan.rows.length) next = fetch(i + BATCH)
    const byId = new Map(found.map((f) => [f.id, f]))
    for (const r of batch) {
      const f = byId.get(r.id)
      if (!f) continue // withdrawn since the plan was made
      const record = { recommenderAnswers: f.recommenderAnswers, keyRecommended: f.keyRecommended, deliverables: f.deliverables }
      sheet.addRow(row({ rank: r.rank, unitId: r.unitId, answers: f.answers, profile: f.profile, ...record }).map(neutralise)).commit()
    }
  }
  sheet.commit()
  await workbook.commit()
}
