import type { CampaignDefinition } from '../../types/campaign'
import { validateDefinition, type DefinitionProblem } from '../../types/validate-definition'

export type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh deep copy of a shipped definition to break. */
export const copy = (def: unknown): Json => JSON.parse(JSON.stringify(def))

/** The definition `def` validates to; throws with its problems when it is rejected. */
export const valid = (def: unknown): CampaignDefinition => {
  const result = validateDefinition(def)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.definition
}

/** A problem as a test names it: `path: message`. */
const line = (p: DefinitionProblem): string => `${p.path}: ${p.message}`

/** The problems a definition is rejected with, in the validator's order, one `path: message` line each. */
export const problemsOf = (def: unknown): string[] => {
  const result = validateDefinition(def)
  if (result.ok) throw new Error('expected the definition to be rejected')
  return result.problems.map(line)
}

/**
 * Problem lines sorted. The validator reports the shape first and the rules between parts after
 * it, so a test naming several problems compares them as a set.
 */
export const inAnyOrder = (lines: readonly string[]): string[] => [...lines].sort()
