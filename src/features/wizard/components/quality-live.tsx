import { View } from '@tarojs/components'
import { createContext, useContext, useEffect, useState } from 'react'
import type { CampaignDefinition } from '../../../../types/campaign'
import { isEmpty, type Answers, type ApplicantUnitType } from '../../../../types/engine'
import { qualityReport, type QualityHint } from '../../../../types/quality'
import { QualityHints } from '../../../components/quality-hints'
import './quality.scss'

/** Typing pauses this long before the hints under the fields follow it. */
export const HINT_DELAY_MS = 600

/**
 * The quality hints of each field, by field id, as they stand once the answers have stopped
 * changing for HINT_DELAY_MS: none under a field still empty (its 必填 message, once the step is
 * tried, says the same), none while the demand can only be read.
 */
export function hintsByField(def: CampaignDefinition, answers: Answers, unitType: ApplicantUnitType): Map<string, QualityHint[]> {
  const map = new Map<string, QualityHint[]>()
  for (const h of qualityReport(def, answers, unitType || undefined).hints) {
    if (!isEmpty(answers[h.field])) map.set(h.field, [...(map.get(h.field) ?? []), h])
  }
  return map
}

export function useFieldHints(def: CampaignDefinition, answers: Answers, unitType: ApplicantUnitType, readOnly: boolean): Map<string, QualityHint[]> {
  const [hints, setHints] = useState(() => (readOnly ? NO_HINTS : hintsByField(def, answers, unitType)))
  useEffect(() => {
    if (readOnly) return setHints(NO_HINTS)
    const timer = setTimeout(() => setHints(hintsByField(def, answers, unitType)), HINT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [def, answers, unitType, readOnly])
  return hints
}

const NO_HINTS = new Map<string, QualityHint[]>()
const NONE: QualityHint[] = []

/** The hints of each field of the steps on screen (empty outside the wizard: preview, read-only). */
export const FieldHintsContext = createContext<Map<string, QualityHint[]>>(NO_HINTS)

/** Under a field: its quality hints, as a live region that is there (empty) before any appears. */
export function FieldHints({ fieldId }: { fieldId: string }) {
  const hints = useContext(FieldHintsContext).get(fieldId) ?? NONE
  return (
    <View className='wz-field__hints'>
      <QualityHints hints={hints} testId={`hints-${fieldId}`} />
    </View>
  )
}
