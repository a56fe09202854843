/**
 * What a recommending unit gives with a recommendation, shared by the server (the authority)
 * and the recommender's app: its fields (`recommenders.fields`), one required opinion per
 * sign-off (`recommenders.signOffs`, answered as the textarea `signoff:<id>`), checked by the
 * very engine functions the enterprise's answers go through (types/engine.ts), on a
 * definition whose only step holds those fields (no eligibility rules, no cross-field
 * validations). Also the sub-quota conditions. Pure: no I/O.
 */
import type { AnswerCondition, CampaignDefinition, FieldDefinition, SubQuota } from './campaign'
import { choiceValue, submittable, validateField, type Answers, type FieldIssue } from './engine'

/** Answer key of a sign-off's opinion. */
export const SIGNOFF_PREFIX = 'signoff:'
export const signOffFieldId = (id: string) => `${SIGNOFF_PREFIX}${id}`
/** Longest sign-off opinion, in characters. */
export const SIGNOFF_MAX = 1000

const FIELDS = new WeakMap<CampaignDefinition, FieldDefinition[]>()
const DEFS = new WeakMap<CampaignDefinition, CampaignDefinition>()

/** The unit's fields, then one required opinion per sign-off, in that order. */
export function recommenderFields(def: CampaignDefinition): FieldDefinition[] {
  let fields = FIELDS.get(def)
  if (!fields) {
    fields = [
      ...(def.recommenders.fields ?? []),
      ...(def.recommenders.signOffs ?? []).map(
        (s): FieldDefinition => ({
          id: signOffFieldId(s.id),
          kind: 'textarea',
          label: `${s.label}意见`,
          required: true,
          maxLength: SIGNOFF_MAX
        })
      )
    ]
    FIELDS.set(def, fields)
  }
  return fields
}

/** Whether a recommendation asks anything of the unit beyond the decision itself. */
export function asksRecommender(def: CampaignDefinition): boolean {
  return recommenderFields(def).length > 0 || !!def.recommenders.keyMark
}

/**
 * The campaign as the engine sees the recommender's form: one step with the unit's fields
 * (their `visibleIf` point at earlier ones of them), no eligibility rules, no summary.
 */
export function recommenderDefinition(def: CampaignDefinition): CampaignDefinition {
  let form = DEFS.get(def)
  if (!form) {
    form = {
      ...def,
      steps: [{ id: 'recommend', title: '推荐意见', fields: recommenderFields(def) }],
      eligibility: [],
      validations: [],
      summaryColumns: []
    }
    DEFS.set(def, form)
  }
  return form
}

/** Every problem with the unit's answers: unknown keys (UNKNOWN_FIELD), then each field's, in form order. */
export function validateRecommenderAnswers(def: CampaignDefinition, answers: Answers): FieldIssue[] {
  const form = recommenderDefinition(def)
  const fields = recommenderFields(def)
  const known = new Set(fields.map((f) => f.id))
  const issues: FieldIssue[] = Object.keys(answers)
    .filter((k) => !known.has(k))
    .map((k) => ({ field: k, code: 'UNKNOWN_FIELD', message: `“${k}”不是本次征集推荐单位的填写项` }))
  for (const f of fields) issues.push(...validateField(form, f, answers))
  return issues
}

/** The answers as stored: visible fields only, normalised (text trimmed), unanswered ones left out. */
export function storedRecommenderAnswers(def: CampaignDefinition, answers: Answers): Answers {
  return submittable(recommenderDefinition(def), answers)
}

/** Whether a condition (or any of a list) holds for the answers, as `visibleIf` does. */
export function conditionHolds(when: AnswerCondition | AnswerCondition[], answers: Answers): boolean {
  const all = Array.isArray(when) ? when : [when]
  return all.some((c) => {
    const v = Object.prototype.hasOwnProperty.call(answers, c.field) ? answers[c.field] : undefined
    if (c.equals !== undefined) return choiceValue(v) === c.equals
    if (c.includes !== undefined) return Array.isArray(v) && v.some((x) => choiceValue(x) === c.includes)
    return false
  })
}

/** The sub-quotas of a unit's type (none when the unit or its type is unknown). */
export function subQuotasOf(def: CampaignDefinition, unitId: string): SubQuota[] {
  const unit = def.recommenders.units.find((u) => u.id === unitId)
  return def.recommenders.unitTypes.find((t) => t.id === unit?.type)?.subQuotas ?? []
}

/** The fields sub-quota conditions read, over every unit type. */
export function subQuotaFields(def: CampaignDefinition): string[] {
  const ids = new Set<string>()
  for (const t of def.recommenders.unitTypes)
    for (const q of t.subQuotas ?? []) for (const c of Array.isArray(q.when) ? q.when : [q.when]) ids.add(c.field)
  return [...ids]
}
