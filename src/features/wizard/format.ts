/**
 * A rough time to fill a step. How answers read (review, conflicts, version changes,
 * read-only view) is types/display.ts (answerText), the same for the recommending unit.
 */
import type { FieldDefinition } from '../../../types/campaign'

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
