/**
 * Starting from what the enterprise already told us (issue 16 §4): a new demand may start as a
 * copy of one of its earlier demands, in any campaign, and the unit and contact fields are filled
 * from the profile wherever a campaign asks for them.
 *
 * A field of the new demand takes the answer of the earlier demand's field that
 *   1. has the same `meaning` (types/definition-schema.ts), else
 *   2. has the same id and kind (and no other meaning), else
 *   3. for text kinds, has the same label once spaces and punctuation are set aside;
 * and only when that answer is valid for the new field as the engine judges it (options of that
 * value and label, the same area id, numbers in the same unit and range, text within the length),
 * a recommending unit of the same id and name, never attachments. Fields hidden by the answers
 * carried so far are left alone. Whatever is required, shown and still empty is "to fill".
 */
import { allFields, type CampaignDefinition, type FieldDefinition, type FieldMeaning, type StepDefinition } from './campaign'
import type { Demand, Profile } from './domain'
import { choiceValue, isEmpty, isVisible, normaliseAnswer, validateField, type Answers } from './engine'

/** Meanings the profile answers, and with which of its keys. */
export const PROFILE_MEANINGS: Readonly<Partial<Record<FieldMeaning, keyof Profile>>> = {
  unitName: 'enterpriseName',
  contactName: 'contactName',
  contactPhone: 'mobile'
}

type UnitType = Profile['unitType']

/** A field of the new demand, where it is asked. */
export interface FieldPlace {
  field: string
  label: string
  step: string
}

export interface CarriedField extends FieldPlace {
  /** The earlier demand ('demand', with that field's label) or the profile. */
  from: 'demand' | 'profile'
  sourceLabel?: string
}

/** A field whose earlier answer did not fit the new campaign, and why (in Chinese). */
export interface SkippedField extends FieldPlace {
  sourceLabel: string
  reason: string
}

export interface CarryOverReport {
  carried: CarriedField[]
  skipped: SkippedField[]
  toFill: FieldPlace[]
}

/** What starting a demand returns: the demand, and, when it was copied from another, the report. */
export interface CreatedDemand extends Demand {
  carryOver?: CarryOverReport
}

export interface CarryOverResult {
  answers: Answers
  report: CarryOverReport
}

/** An earlier demand: its campaign's definition and its answers. */
export interface CarrySource {
  def: CampaignDefinition
  answers: Answers
}

const TEXT_KINDS: ReadonlyArray<FieldDefinition['kind']> = ['text', 'textarea']
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** A label as compared: no spaces, punctuation or symbols (“揭榜挂帅”投入金额 = 揭榜挂帅投入金额). */
export function normaliseLabel(label: string): string {
  return label.replace(/[\s\p{P}\p{S}]/gu, '')
}

const isText = (f: FieldDefinition) => TEXT_KINDS.includes(f.kind)
const sameKind = (a: FieldDefinition, b: FieldDefinition) => a.kind === b.kind || (isText(a) && isText(b))
const meaningsAgree = (a: FieldDefinition, b: FieldDefinition) => !a.meaning || !b.meaning || a.meaning === b.meaning

/** The earlier field that answers `target` (see the rules above), if any. */
function sourceFieldFor(target: FieldDefinition, sourceFields: FieldDefinition[]): FieldDefinition | undefined {
  if (target.kind === 'attachments') return undefined
  const candidates = sourceFields.filter((s) => sameKind(s, target) && meaningsAgree(s, target))
  return (
    (target.meaning ? candidates.find((s) => s.meaning === target.meaning) : undefined) ??
    candidates.find((s) => s.id === target.id && s.kind === target.kind) ??
    (isText(target) ? candidates.find((s) => normaliseLabel(s.label) === normaliseLabel(target.label)) : undefined)
  )
}

/** Why a value means something else in the target even where the engine would accept it; null when it does not. */
function meaningProblem(source: CarrySource, from: FieldDefinition, target: CampaignDefinition, to: FieldDefinition, value: unknown): string | null {
  if ((to.kind === 'amount' || to.kind === 'number') && (from.kind === 'amount' || from.kind === 'number') && from.unit !== to.unit) {
    return `单位不同（原为${from.unit || '无单位'}，现为${to.unit || '无单位'}）`
  }
  if ((to.kind === 'single' || to.kind === 'multi') && (from.kind === 'single' || from.kind === 'multi')) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const a = from.options.find((o) => o.value === choiceValue(v))
      const b = to.options.find((o) => o.value === choiceValue(v))
      if (a && b && normaliseLabel(a.label) !== normaliseLabel(b.label)) return `选项“${a.label}”在本次征集中含义不同`
    }
  }
  if (to.kind === 'recommender' && typeof value === 'string') {
    const a = source.def.recommenders.units.find((u) => u.id === value)
    const b = target.recommenders.units.find((u) => u.id === value)
    if (!a || !b || a.name !== b.name) return '推荐单位不在本次征集的名单中'
  }
  return null
}

/** The value of `field` from the profile, when the field is a unit or contact field and the value fits it. */
function fromProfile(def: CampaignDefinition, field: FieldDefinition, answers: Answers, profile: Profile): string | undefined {
  const key = field.meaning && PROFILE_MEANINGS[field.meaning]
  const value = key ? profile[key].trim() : ''
  if (!value) return undefined
  return validateField(def, field, { ...answers, [field.id]: value }, profile.unitType).length ? undefined : value
}

const stepOf = (def: CampaignDefinition): Map<string, StepDefinition> =>
  new Map(def.steps.flatMap((s) => s.fields.map((f) => [f.id, s] as const)))

const place = (f: FieldDefinition, step: StepDefinition): FieldPlace => ({ field: f.id, label: f.label, step: step.id })

/**
 * Required fields shown for these answers that are still empty, in form order: what the banner
 * of a copied demand lists as 待填写.
 */
export function fieldsToFill(def: CampaignDefinition, answers: Answers, unitType?: UnitType): FieldPlace[] {
  const steps = stepOf(def)
  return allFields(def)
    .filter((f) => f.required && validateField(def, f, answers, unitType).some((i) => i.code === 'REQUIRED'))
    .map((f) => place(f, steps.get(f.id)!))
}

/**
 * Fills the empty unit and contact fields from the profile; what anyone typed is never replaced.
 * Returns the same object when nothing was filled.
 */
export function prefillFromProfile(def: CampaignDefinition, answers: Answers, profile: Profile): { answers: Answers; filled: string[] } {
  let out = answers
  const filled: string[] = []
  for (const f of allFields(def)) {
    if (!f.meaning || !PROFILE_MEANINGS[f.meaning] || !isEmpty(out[f.id]) || !isVisible(f, out, def, profile.unitType)) continue
    const value = fromProfile(def, f, out, profile)
    if (value === undefined) continue
    out = { ...out, [f.id]: value }
    filled.push(f.id)
  }
  return { answers: out, filled }
}

/**
 * The answers a new demand of `target` starts with: the profile's unit and contact data, and,
 * given an earlier demand, its answers that mean the same here (the rules at the top), with the
 * report of what was carried, what did not fit and what is left to fill.
 */
export function carryOver(target: CampaignDefinition, profile: Profile, source?: CarrySource): CarryOverResult {
  const answers: Answers = {}
  const carried: CarriedField[] = []
  const skipped: SkippedField[] = []
  const steps = stepOf(target)
  const sourceFields = source ? allFields(source.def) : []
  const unitType = profile.unitType
  for (const to of allFields(target)) {
    if (!isVisible(to, answers, target, unitType)) continue
    const step = steps.get(to.id)!
    const own = fromProfile(target, to, answers, profile)
    if (own !== undefined) {
      answers[to.id] = own
      carried.push({ ...place(to, step), from: 'profile' })
      continue
    }
    const from = sourceFieldFor(to, sourceFields)
    if (!source || !from || !hasOwn(source.answers, from.id)) continue
    const value = normaliseAnswer(from, source.answers[from.id])
    if (isEmpty(value)) continue
    const problem =
      meaningProblem(source, from, target, to, value) ??
      validateField(target, to, { ...answers, [to.id]: value }, unitType).find((i) => i.rule === undefined)?.message ??
      null
    if (problem) {
      skipped.push({ ...place(to, step), sourceLabel: from.label, reason: problem })
      continue
    }
    answers[to.id] = value
    carried.push({ ...place(to, step), from: 'demand', sourceLabel: from.label })
  }
  return { answers, report: { carried, skipped, toFill: fieldsToFill(target, answers, unitType) } }
}
