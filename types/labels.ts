/**
 * How a definition names things people read: unit types (the global list plus those a campaign
 * declares) and areas' directions (plain labels or labels with a description). Pure: no I/O.
 */
import type { CampaignDefinition, DomainDirection, UnitTypeId } from './campaign'
import { UNIT_TYPES, UNIT_TYPE_LABELS, type UnitType } from './domain'

type WithUnitTypes = Pick<CampaignDefinition, 'unitTypes'> | null | undefined

const isGlobal = (id: string): id is UnitType => (UNIT_TYPES as readonly string[]).includes(id)

/** The global unit types, then the campaign's own, as `{ id, label }`. */
export function unitTypesOf(def: WithUnitTypes): Array<{ id: UnitTypeId; label: string }> {
  const declared = (def?.unitTypes ?? []).filter((t) => !isGlobal(t.id))
  return [...UNIT_TYPES.map((id) => ({ id, label: UNIT_TYPE_LABELS[id] })), ...declared.map((t) => ({ id: t.id, label: t.label }))]
}

/** Whether some unit can have this type: a global one or one the campaign declares. */
export function isKnownUnitType(def: WithUnitTypes, id: unknown): id is UnitTypeId {
  return typeof id === 'string' && (isGlobal(id) || (def?.unitTypes ?? []).some((t) => t.id === id))
}

/** The label of a unit type, global or declared by the campaign; the id itself when unknown. */
export function unitTypeLabel(def: WithUnitTypes, id: string): string {
  if (isGlobal(id)) return UNIT_TYPE_LABELS[id]
  return def?.unitTypes?.find((t) => t.id === id)?.label ?? id
}

/** A direction's label (directions are strings or `{ label, description }`). */
export function directionLabel(d: string | DomainDirection | null | undefined): string {
  if (typeof d === 'string') return d
  return d && typeof d === 'object' && typeof d.label === 'string' ? d.label : ''
}

/** A direction's description, '' when it has none. */
export function directionDescription(d: string | DomainDirection | null | undefined): string {
  return d && typeof d === 'object' && typeof d.description === 'string' ? d.description : ''
}
