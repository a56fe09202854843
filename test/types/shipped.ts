/**
 * The shipped campaign definitions (campaigns/*.json) by id, and one field of a definition: the
 * look-ups the types tests share. Each throws when the id is missing, so a renamed field fails loudly.
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { allFields, type CampaignDefinition, type FieldDefinition } from '../../types/campaign'

export const byId = (id: string): CampaignDefinition => {
  const def = CAMPAIGN_DEFINITIONS.find((d) => d.id === id)
  if (!def) throw new Error(`no campaign ${id}`)
  return def
}

export const fieldOf = (def: CampaignDefinition, id: string): FieldDefinition => {
  const f = allFields(def).find((x) => x.id === id)
  if (!f) throw new Error(`no field ${id} in ${def.id}`)
  return f
}

/** The codes of a list of issues or problems, in order. */
export const codes = (list: Array<{ code: string }>) => list.map((i) => i.code)
