/**
 * Answers as people read them (summary sheet, review screens): option values become their
 * labels, a domain answer becomes 领域 / 方向, units become their names. Amounts and numbers
 * stay numbers so a spreadsheet can add them up. Pure: no I/O.
 */
import type { CampaignDefinition, FieldDefinition, MultiChoiceField, SingleChoiceField } from './campaign'
import { TRL_LEVELS } from './campaign'
import type { Profile } from './domain'
import { choiceValue, otherText, type AttachmentRef, type DomainAnswer, type IndicatorRow } from './engine'
import { unitTypeLabel } from './labels'
import { allFields } from './validate-definition'

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

/** One choice by its label; an “其他” choice with its text: “其他：军民协同”. */
export function choiceLabel(field: SingleChoiceField | MultiChoiceField, entry: unknown): string {
  const value = choiceValue(entry)
  const label = field.options.find((o) => o.value === value)?.label ?? String(value)
  const text = otherText(entry).trim()
  return text ? `${label}：${text}` : label
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
      return Array.isArray(value)
        ? (value as IndicatorRow[])
            .map((r) => `${r.name}：${r.current ? `${r.current} → ` : ''}${r.target} ${r.unit}`.trim())
            .join('；')
        : null
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

/**
 * The campaign's summary sheet columns (`rank`, `unit`, `field:<id>`, `profile:<key>`): their
 * headers and a function giving one demand's row of values in that order.
 */
export function summarySheet(def: CampaignDefinition): { headers: string[]; row: (r: SummaryRow) => DisplayValue[] } {
  const fields = new Map(allFields(def).map((f) => [f.id, f]))
  const cells = def.summaryColumns.map(({ source }): ((r: SummaryRow) => DisplayValue) => {
    if (source === 'rank') return (r) => r.rank
    if (source === 'unit') return (r) => unitName(def, r.unitId)
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
  return { headers: def.summaryColumns.map((c) => c.header), row: (r) => cells.map((cell) => cell(r)) }
}
