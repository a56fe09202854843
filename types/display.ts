/**
 * Answers as people read them, the one place for it: option values become their labels, a
 * domain answer becomes 领域 / 方向, units become their names.
 * - displayAnswer: a summary sheet's cell; amounts and numbers stay numbers so a spreadsheet
 *   can add them up.
 * - answerText: the text on a screen, the same for the enterprise (wizard, review, versions,
 *   conflicts) and the recommending unit (its view of a demand): displayAnswer with the unit
 *   after a number, the day as 2025年7月20日, one line per indicator and per file.
 * Pure: no I/O.
 */
import { allFields, TRL_LEVELS, type CampaignDefinition, type FieldDefinition, type MultiChoiceField, type SingleChoiceField } from './campaign'
import type { Profile } from './domain'
import { choiceValue, otherText, type AttachmentRef, type DomainAnswer, type IndicatorRow } from './engine'
import { unitTypeLabel } from './labels'
import type { UnitRef } from './recommend'
import { formatDay } from './time'

export type DisplayValue = string | number | null

/** 领域 / 方向 (or only 领域 when no direction was chosen). */
export function domainLabel(def: CampaignDefinition, answer: unknown): string {
  if (!answer || typeof answer !== 'object') return ''
  const { domain, direction } = answer as Partial<DomainAnswer>
  const label = def.domains.find((d) => d.id === domain)?.label ?? String(domain ?? '')
  return direction ? `${label} / ${direction}` : label
}

export function unitName(def: CampaignDefinition, unitId: string | null | undefined): string {
  if (!unitId) return ''
  return def.recommenders.units.find((u) => u.id === unitId)?.name ?? unitId
}

/** A recommending unit as people read it: its name and its type's label. */
export function unitRef(def: CampaignDefinition, unitId: string): UnitRef {
  const unit = def.recommenders.units.find((u) => u.id === unitId)
  const type = def.recommenders.unitTypes.find((t) => t.id === unit?.type)
  return { id: unitId, name: unitName(def, unitId), typeLabel: type?.label ?? '' }
}

/** One choice by its label; an “其他” choice with its text: “其他：军民协同”. */
export function choiceLabel(field: SingleChoiceField | MultiChoiceField, entry: unknown): string {
  const value = choiceValue(entry)
  const label = field.options.find((o) => o.value === value)?.label ?? String(value)
  const text = otherText(entry).trim()
  return text ? `${label}：${text}` : label
}

/** What an unanswered field reads as on a screen. */
export const EMPTY_ANSWER = '未填写'

/** 850 B, 12.3 KB, 4.5 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** An indicator's values: 现状 160 → 目标 300 MHz (现状 only when given). */
export function indicatorValues(r: IndicatorRow): string {
  return `${r.current ? `现状 ${r.current} → ` : ''}目标 ${r.target || '—'}${r.unit ? ` ${r.unit}` : ''}`
}

/** An indicator on one line: CPU主频：现状 160 → 目标 300 MHz. */
export function indicatorText(r: IndicatorRow): string {
  return `${r.name || '（未填名称）'}：${indicatorValues(r)}`
}

const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** One text for a field's answer on a screen, the same to both sides ('未填写' when there is none). */
export function answerText(def: CampaignDefinition, field: FieldDefinition, value: unknown): string {
  if (isBlank(value)) return EMPTY_ANSWER
  switch (field.kind) {
    case 'amount':
    case 'number':
      return typeof value === 'number' ? `${value}${field.unit === '%' ? '%' : ` ${field.unit}`}` : String(value)
    case 'date':
      return typeof value === 'string' ? formatDay(value) : String(value)
    case 'indicators':
      return Array.isArray(value) ? (value as IndicatorRow[]).map((r, i) => `${i + 1}. ${indicatorText(r)}`).join('\n') : String(value)
    case 'attachments':
      return Array.isArray(value) ? (value as AttachmentRef[]).map((a) => `${a.name}（${formatSize(a.size)}）`).join('\n') : String(value)
    default: {
      const shown = displayAnswer(def, field, value)
      return shown === null || shown === '' ? EMPTY_ANSWER : String(shown)
    }
  }
}

export function displayAnswer(def: CampaignDefinition, field: FieldDefinition, value: unknown): DisplayValue {
  if (value === undefined || value === null || value === '') return null
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'date':
      return String(value)
    case 'amount':
    case 'number':
      return typeof value === 'number' ? value : null
    case 'single':
      return choiceLabel(field, value)
    case 'multi':
      return Array.isArray(value) ? value.map((v) => choiceLabel(field, v)).join('；') : null
    case 'domain':
      return domainLabel(def, value)
    case 'maturity': {
      const level = TRL_LEVELS.find((l) => l.level === value)
      return level ? `${level.level}级（${level.label}）` : String(value)
    }
    case 'indicators':
      return Array.isArray(value) ? (value as IndicatorRow[]).map(indicatorText).join('；') : null
    case 'recommender':
      return unitName(def, String(value))
    case 'attachments':
      return Array.isArray(value) ? (value as AttachmentRef[]).map((a) => a.name).join('；') : null
    case 'gate':
      return value === true ? '是' : value === false ? '否' : null
  }
}

export interface SummaryRow {
  rank: number | null
  unitId: string | null
  answers: Record<string, unknown>
  profile: Partial<Profile>
}

/** One column of a summary sheet: its value for a demand's row. */
export type SummaryCell<R extends SummaryRow = SummaryRow> = (r: R) => DisplayValue

/**
 * The campaign's summary sheet columns (`rank`, `unit`, `field:<id>`, `profile:<key>`): their
 * headers and, once per sheet, a function per column giving a demand's value in it (the export
 * calls them for every cell of 100,000 rows, so each looks up its field or unit only here).
 */
export function summarySheet(def: CampaignDefinition): { headers: string[]; cells: SummaryCell[] } {
  const fields = new Map(allFields(def).map((f) => [f.id, f]))
  const units = new Map(def.recommenders.units.map((u) => [u.id, u.name]))
  const cells = def.summaryColumns.map(({ source }): SummaryCell => {
    if (source === 'rank') return (r) => r.rank
    if (source === 'unit') return (r) => (r.unitId && units.get(r.unitId)) || unitName(def, r.unitId)
    if (source.startsWith('field:')) {
      const field = fields.get(source.slice(6))
      return field ? (r) => displayAnswer(def, field, r.answers[field.id]) : () => null
    }
    if (source.startsWith('profile:')) {
      const key = source.slice(8) as keyof Profile
      return (r) => {
        const v = r.profile[key]
        if (v === undefined || v === null || v === '') return null
        return key === 'unitType' ? unitTypeLabel(def, String(v)) : String(v)
      }
    }
    return () => null
  })
  return { headers: def.summaryColumns.map((c) => c.header), cells }
}
