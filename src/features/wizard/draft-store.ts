/**
 * The copy of a draft kept on the phone (Taro storage, survives closing the app), written on
 * every change. `dirty` says it holds edits the server has not acknowledged; `baseVersion`
 * and `baseAnswers` are the server copy those edits started from (needed to tell, on a
 * conflict, which side changed what).
 */
import type { Answers } from '../../../types/engine'
import { storage } from '../../services/storage'

export interface LocalDraft {
  demandId: string
  campaignId: string
  baseVersion: number
  baseAnswers: Answers
  answers: Answers
  currentStep: string
  dirty: boolean
  /** Phone time of the last edit (informational only; versions decide, not clocks). */
  editedAt: number
  /** Unit type of the enterprise when last online (eligibility rules offline). */
  unitType?: string
}

const KEY_PREFIX = 'wizard.draft.'
const key = (demandId: string) => KEY_PREFIX + demandId

export function readDraft(demandId: string): LocalDraft | undefined {
  const d = storage.get<LocalDraft>(key(demandId))
  if (!d || typeof d !== 'object' || d.demandId !== demandId || typeof d.baseVersion !== 'number') return undefined
  return d
}

export function writeDraft(draft: LocalDraft): void {
  storage.set(key(draft.demandId), draft)
}

export function removeDraft(demandId: string): void {
  storage.remove(key(demandId))
}

/** Whether this phone holds edits of the demand the server has not acknowledged. */
export function hasUnsentEdits(demandId: string): boolean {
  return readDraft(demandId)?.dirty === true
}
