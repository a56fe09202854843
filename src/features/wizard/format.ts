/**
 * How answers read to people: one text per value (review, conflicts, version
 * changes, read-only view), file sizes, a rough time to fill. Times and days: types/time.
 */
import { TRL_LEVELS, type CampaignDefinition, type FieldDefinition } from '../../../types/campaign'
import { choiceLabel } from '../../../types/display'
import type { AttachmentRef, DomainAnswer, IndicatorRow } from '../../../types/engine'
import { formatDay } from '../../../types/time'

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export const EMPTY_TEXT = '未填写'

const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** One readable text for a field's answer ('未填写' when there is none). */
export function valueText(def: CampaignDefinition, field: FieldDefinition, value: unknown): string {
  if (isBlank(value)) return EMPTY_TEXT
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return String(value)
    case 'single':
      return choiceLabel(field, value)
    case 'multi':
      return Array.isArray(value) ? value.map((v) => choiceLabel(field, v)).join('、') : String(value)
    case 'domain': {
      const a = value as DomainAnswer
      const d = def.domains.find((x) => x.id === a?.domain)
      if (!d) return EMPTY_TEXT
      return a.direction ? `${d.label} / ${a.direction}` : d.label
    }
    case 'amount':
    case 'number':
      return typeof value === 'number' ? `${value}${field.unit === '%' ? '%' : ` ${field.unit}`}` : String(value)
    case 'date':
      return typeof value === 'string' ? formatDay(value) : String(value)
    case 'indicators':
      return Array.isArray(value)
        ? (value as IndicatorRow[])
            .map(
              (r, i) =>
                `${i + 1}. ${r.name || '（未填名称）'}：当前 ${r.current || '—'}，目标 ${r.target || '—'}${r.unit ? `（${r.unit}）` : ''}`
            )
            .join('\n')
        : String(value)
    case 'maturity': {
      const level = TRL_LEVELS.find((l) => l.level === value)
      return level ? `${level.level}级 · ${level.label}` : String(value)
    }
    case 'recommender':
      return def.recommenders.units.find((u) => u.id === value)?.name ?? String(value)
    case 'attachments':
      return Array.isArray(value) ? (value as AttachmentRef[]).map((a) => `${a.name}（${formatSize(a.size)}）`).join('\n') : String(value)
    case 'gate':
      return value === true ? '是' : value === false ? '否' : String(value)
  }
}

/** Minutes a person may need for a step, by what its fields ask (a rough guide, shown as such). */
export function estimateMinutes(fields: FieldDefinition[]): number {
  let minutes = 0
  for (const f of fields) {
    if (f.kind === 'textarea') minutes += f.maxLength >= 1000 ? 6 : 3
    else if (f.kind === 'indicators') minutes += 5
    else if (f.kind === 'attachments') minutes += 2
    else minutes += 0.5
  }
  return Math.max(1, Math.round(minutes))
}
