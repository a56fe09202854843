import type { DefinitionProblem } from '../../types/validate-definition'

/**
 * Problems sorted by path, then message. The validator reports the shape first and the rules
 * between parts after it, so a test naming several problems compares them as a set.
 */
export const inAnyOrder = (problems: readonly DefinitionProblem[]): DefinitionProblem[] =>
  [...problems].sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message))
