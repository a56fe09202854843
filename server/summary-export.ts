/**
 * The summary sheet (汇总表) as xlsx: a title row naming the campaign and unit, the campaign's
 * summary columns, one row per recommended demand in recommendation order (the bureau's:
 * grouped by unit in the campaign's order). Streamed: rows are read in batches along the index
 * of the ranked lists and written as the download takes them, so memory stays flat whatever the
 * number of demands; exceljs writes the workbook, the body's rows are written as its XML
 * directly (sheetPart).
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
import { displayAnswer, summarySheet, unitName, type DisplayValue, type SummaryCell, type SummaryRow } from '../types/display'
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

/**
 * The summary sheet's headers and a function per column: the columns types/display.ts renders
 * (rank, unit, field:, profile:), and in their places the ones the recommending unit fills.
 */
export function exportSheet(def: CampaignDefinition): { headers: string[]; cells: SummaryCell<ExportRow>[] } {
  const base = summarySheet(def)
  const form = recommenderDefinition(def)
  const fields = new Map(recommenderFields(def).map((f) => [f.id, f]))
  const cells = def.summaryColumns.map(({ source }, i): SummaryCell<ExportRow> => {
    if (source === 'keyRecommended') return (r) => (r.keyRecommended ? TICK : null)
    if (source.startsWith('deliverable:')) {
      const id = source.slice('deliverable:'.length)
      return (r) => (r.deliverables.includes(id) ? TICK : null)
    }
    if (source.startsWith('recommender:')) {
      const field = fields.get(source.slice('recommender:'.length))
      return field ? (r) => displayAnswer(form, field, r.recommenderAnswers[field.id]) : () => null
    }
    return base.cells[i]
  })
  return { headers: base.headers, cells }
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
  const { headers, cells } = exportSheet(plan.def)
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

  const body = sheetPart(sheet)
  const letters = headers.map((_, i) => columnName(i))
  let number = 3
  const xml = new Utf8Chunks()
  const shown = new Set(plan.def.summaryColumns.map((c) => c.source))
  const unused = allFields(plan.def).filter((f) => !shown.has(`field:${f.id}`)).map((f) => f.id)
  // The next batch is read while this one is written, from the next unit's list after the last
  // batch of one (read one after the other, the first batch of each of 57 lists waited alone).
  const read = (unit: number, afterRank: number) => {
    const rows = rankedBatch(db, plan, unused, plan.units[unit], afterRank, batch)
    rows.catch(() => undefined) // awaited below; never an unhandled rejection if writing fails first
    return { unit, rows }
  }
  let next = plan.units.length ? read(0, 0) : null
  while (next) {
    const { unit } = next
    const rows = await next.rows
    next = rows.length === batch ? read(unit, rows[batch - 1].rank) : unit + 1 < plan.units.length ? read(unit + 1, 0) : null
    // Each row let go of once written: a batch held whole while written outlived the young
    // generation's collections, so V8 judged the driver's row objects long-lived and allocated every
    // later row in the old generation (allocation-site pretenuring): +75 MB in one export of five.
    for (let r = rows.shift(); r; r = rows.shift()) xml.add(rowXml(number++, r, cells, letters))
    if (!(await written(body, xml.take(), out))) return next?.rows.then(() => undefined, () => undefined)
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
 * Where the body's rows go: the zip entry of the sheet's XML part. exceljs 4.4's streaming
 * worksheet builds a Row and a Cell object per cell and renders them through its XML writer
 * (half the CPU time of an export of 100,000 rows, and most of its garbage), then buffers its part (`stream`, a StreamBuf) and hands it to the entry (`pipes[0]`)
 * without heeding backpressure. So the body is written past both, as the XML exceljs writes
 * (rowXml), straight into the entry, which says when it is full like any stream. Flushed first:
 * the title and header rows, written by exceljs, come before.
 */
function sheetPart(sheet: ExcelJS.Worksheet): Writable {
  const part = (sheet as unknown as { stream: { uncork(): void; pipes: Writable[] } }).stream
  part.uncork()
  const [entry] = part.pipes
  if (part.pipes.length !== 1 || typeof entry.write !== 'function') throw new Error('exceljs: the streaming worksheet is not the one of exceljs 4.4')
  return entry
}

/** A, B … Z, AA …: the name of the column at (zero-based) index `i`. */
function columnName(i: number): string {
  return (i >= 26 ? columnName(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26))
}

/** Text as exceljs writes it into XML (utils.xmlEncode): markup escaped, the control characters XML cannot hold left out. */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }
const xmlText = (text: string) => text.replace(XML_SPECIAL, (c) => XML_ESCAPES[c] ?? '')

/**
 * A body row as exceljs writes a committed row with every cell in the workbook's default style
 * (row-xform.js, cell-xform.js): `spans` from its first to its last cell, an empty value no
 * cell at all, a number as it is, text neutralised as an inline string (no shared strings).
 */
function rowXml(number: number, r: ExportRow, cells: SummaryCell<ExportRow>[], letters: string[]): string {
  let xml = ''
  let first = 0
  let last = 0
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i](r)
    if (value === null) continue
    first ||= i + 1
    last = i + 1
    const ref = letters[i] + number
    xml += typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="str"><v>${xmlText(neutralise(value))}</v></c>`
  }
  return first ? `<row r="${number}" spans="${first}:${last}" x14ac:dyDescent="0.25">${xml}</row>` : ''
}

const CHUNK = 64 * 1024

/**
 * Text as UTF-8 in chunks of 64 KB, encoded row by row into the chunk: a batch's XML as one
 * string would cost V8 a second per 100,000 rows to flatten, a buffer per row allocations and
 * a copy to join them.
 */
class Utf8Chunks {
  private chunk = Buffer.allocUnsafe(CHUNK)
  private used = 0
  private full: Buffer[] = []

  add(text: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.used + text.length * 3 > this.chunk.length) this.cut(Math.max(CHUNK, text.length * 3))
    this.used += this.chunk.write(text, this.used)
  }

  /** What was added since the last take. */
  take(): Buffer[] {
    this.cut(CHUNK)
    return this.full.splice(0)
  }

  private cut(size: number): void {
    if (this.used) this.full.push(this.chunk.subarray(0, this.used))
    this.chunk = Buffer.allocUnsafe(size)
    this.used = 0
  }
}

/**
 * Writes `xml` into the sheet's entry and waits until the entry has taken it and the download
 * what came before: as fast as the download goes, not faster, so what waits to be sent stays
 * about a batch. False when the download was abandoned.
 */
async function written(entry: Writable, xml: Buffer[], out: Writable): Promise<boolean> {
  let full = false
  for (const chunk of xml) full = !entry.write(chunk)
  if (full) await drained(entry, out)
  if (out.writableNeedDrain) await drained(out, out)
  return !out.destroyed
}

/** Until `stream` has taken what it holds, or the download `out` is gone. */
async function drained(stream: Writable, out: Writable): Promise<void> {
  if (out.destroyed) return
  const stop = new AbortController()
  await Promise.race([once(stream, 'drain', { signal: stop.signal }), once(out, 'close', { signal: stop.signal })]).finally(() => stop.abort())
}
