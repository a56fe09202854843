/**
 * What an edit of a published campaign may not do: orphan answers already given. Removing or
 * retyping a field that has answers, dropping an option, area, direction or recommending unit
 * that demands chose, adding a required question once demands exist, lowering a quota below what
 * a unit has already recommended, or changing the campaign's id. Everything else (optional
 * fields, later deadlines, new units, higher quotas, contacts, texts) is allowed.
 */
import { quotaOf, type CampaignDefinition, type FieldDefinition } from './campaign'
import type { DefinitionProblem } from './validate-definition'
import { directionLabel } from './labels'

/** How the campaign's demands use its definition, counted by the server. */
export interface DefinitionUsage {
  /** Demands in the campaign, drafts included. */
  demands: number
  /** Demands with a non-empty answer (the enterprise's or the recommending unit's), by field id. */
  answered: Record<string, number>
  /** Demands giving each value (a choice, a unit id, an area id, `area/direction`), by field id. */
  values: Record<string, Record<string, number>>
  /** Demands counted against each unit's quota. */
  recommendedByUnit: Record<string, number>
  /** Demands that chose each recommending unit. */
  byUnit: Record<string, number>
}

/** The enterprise's fields and the recommending unit's (`recommenders.fields`), by id, with their paths. */
const fieldsOf = (def: CampaignDefinition) =>
  new Map<string, { field: FieldDefinition; path: string; unit: boolean }>([
    ...def.steps.flatMap((s, i) => s.fields.map((f, j) => [f.id, { field: f, path: `steps[${i}].fields[${j}]`, unit: false }] as const)),
    ...(def.recommenders.fields ?? []).map((f, i) => [f.id, { field: f, path: `recommenders.fields[${i}]`, unit: true }] as const)
  ])

/** The values of a field that answers point to, in this definition. */
function valuesOf(def: CampaignDefinition, field: FieldDefinition): Set<string> {
  switch (field.kind) {
    case 'single':
    case 'multi':
      return new Set(field.options.map((o) => o.value))
    case 'recommender':
      return new Set(def.recommenders.units.map((u) => u.id))
    case 'domain':
      return new Set(def.domains.flatMap((d) => [d.id, ...d.directions.map((dir) => `${d.id}/${directionLabel(dir)}`)]))
    default:
      return new Set()
  }
}

export function changeProblems(before: CampaignDefinition, after: CampaignDefinition, usage: DefinitionUsage): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  const refuse = (path: string, message: string) => problems.push({ path, message })
  if (before.id !== after.id) refuse('id', `已发布活动的编号不能修改（原为 ${before.id}）`)

  const old = fieldsOf(before)
  const now = fieldsOf(after)
  for (const [id, { field, unit }] of old) {
    const n = usage.answered[id] ?? 0
    const next = now.get(id)
    if (!next) {
      if (n) refuse(`${unit ? 'recommenders.fields' : 'steps'}.${id}`, `字段“${field.label}”已有 ${n} 份需求填写，不能删除`)
      continue
    }
    if (next.field.kind !== field.kind && n) {
      refuse(`${next.path}.kind`, `字段“${field.label}”已有 ${n} 份需求填写，不能改变类型`)
      continue
    }
    const kept = valuesOf(after, next.field)
    for (const [value, count] of Object.entries(usage.values[id] ?? {})) {
      if (valuesOf(before, field).has(value) && !kept.has(value)) {
        refuse(next.path, `字段“${field.label}”的选项“${value}”已被 ${count} 份需求选用，不能删除`)
      }
    }
  }
  const recommended = Object.values(usage.recommendedByUnit).reduce((a, b) => a + b, 0)
  for (const [id, { field, path, unit }] of now) {
    if (old.has(id) || !field.required) continue
    if (!unit && usage.demands) refuse(`${path}.required`, `已有 ${usage.demands} 份需求，新增的字段“${field.label}”只能是选填`)
    if (unit && recommended) refuse(`${path}.required`, `推荐单位已推荐 ${recommended} 项，新增的推荐填写项“${field.label}”只能是选填`)
  }

  for (const [unitId, count] of Object.entries(usage.byUnit)) {
    if (before.recommenders.units.some((u) => u.id === unitId) && !after.recommenders.units.some((u) => u.id === unitId)) {
      refuse('recommenders.units', `推荐单位“${unitId}”已被 ${count} 份需求选择，不能删除`)
    }
  }
  for (const [unitId, count] of Object.entries(usage.recommendedByUnit)) {
    const quota = quotaOf(after, unitId)
    if (quota !== null && count > quota) refuse('recommenders.unitTypes', `推荐单位“${unitId}”已推荐 ${count} 项，名额不能低于此数（改后为 ${quota}）`)
  }
  return problems
}
