/**
 * How answers and instants read to people: one text per value (review, conflicts, version
 * changes, read-only view), Shanghai times, file sizes, a rough time to fill.
 */
import { TRL_LEVELS, type CampaignDefinition, type FieldDefinition } from '../../../types/campaign'
import type { AttachmentRef, DomainAnswer, IndicatorRow } from '../../../types/engine'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

function parts(instant: number) {
  const d = new Date(instant + SHANGHAI_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** “2026年11月27日 16:05” in Shanghai time. */
export function formatInstant(iso: string | null | undefined): string {
  const t = iso ? Date.parse(iso) : NaN
  if (Number.isNaN(t)) return ''
  const p = parts(t)
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`
}

export { formatDeadline } from '../../../types/deadline'

/** “2027年12月31日” from “2027-12-31”. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : day
}

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
      return field.options.find((o) => o.value === value)?.label ?? String(value)
    case 'multi':
      return Array.isArray(value) ? value.map((v) => field.options.find((o) => o.value === v)?.label ?? String(v)).join('、') : String(value)
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
