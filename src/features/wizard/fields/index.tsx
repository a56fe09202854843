import { memo, type ComponentType } from 'react'
import type { FieldDefinition, FieldKind } from '../../../../types/campaign'
import type { Answers, FieldIssue } from '../../../../types/engine'
import { AttachmentsInput } from './attachments-field'
import { DomainInput, GateInput, MultiChoiceInput, SingleChoiceInput } from './choice-fields'
import { IndicatorsInput } from './indicators-field'
import { DateInput, NumberInput } from './number-date-fields'
import { MaturityInput, RecommenderInput } from './picker-fields'
import { TextareaInputField, TextInputField } from './text-fields'
import type { FieldProps, FieldValueUpdate } from './types'

export type { FieldContext, FieldProps, FieldValueUpdate } from './types'
export { ReadOnlyValue } from './field-frame'

/** The answers after a field's update (a value or a function of the latest one); undefined removes the answer. */
export function withUpdate(answers: Answers, fieldId: string, update: FieldValueUpdate): Answers {
  const value = typeof update === 'function' ? (update as (p: unknown) => unknown)(answers[fieldId]) : update
  const next: Answers = { ...answers }
  if (value === undefined) delete next[fieldId]
  else next[fieldId] = value
  return next
}

/** One component per field kind: a campaign's definition picks them, no campaign is coded here. */
const BY_KIND: { [K in FieldKind]: ComponentType<FieldProps<Extract<FieldDefinition, { kind: K }>>> } = {
  text: TextInputField,
  textarea: TextareaInputField,
  single: SingleChoiceInput,
  multi: MultiChoiceInput,
  domain: DomainInput,
  amount: NumberInput,
  number: NumberInput,
  date: DateInput,
  indicators: IndicatorsInput,
  maturity: MaturityInput,
  recommender: RecommenderInput,
  attachments: AttachmentsInput,
  gate: GateInput
}

const choiceKey = (units: FieldProps['choices']) => units?.map((u) => u.id).join('|')
const issueKey = (issues: FieldIssue[]) => issues.map((i) => `${i.code}:${i.row ?? ''}:${i.column ?? ''}:${i.message}`).join('|')

function FieldSwitch(props: FieldProps<FieldDefinition>) {
  // The map pairs each kind with its component; TypeScript cannot follow that through an index.
  const Component = BY_KIND[props.field.kind] as ComponentType<FieldProps<FieldDefinition>>
  return <Component {...props} />
}

/** A field re-renders only when its own value, problems or context change (typing elsewhere does not). */
export const Field = memo(
  FieldSwitch,
  (a, b) =>
    a.field === b.field &&
    a.value === b.value &&
    a.ctx === b.ctx &&
    choiceKey(a.choices) === choiceKey(b.choices) &&
    a.attempted === b.attempted &&
    a.onChange === b.onChange &&
    a.onBlur === b.onBlur &&
    issueKey(a.issues) === issueKey(b.issues) &&
    issueKey(a.allIssues) === issueKey(b.allIssues)
)
