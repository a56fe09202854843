import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { FieldDefinition } from '../../../../types/campaign'
import type { FieldIssue } from '../../../../types/engine'
import { EMPTY_ANSWER } from '../../../../types/display'
import { FieldHints } from '../components/quality-live'

/** One field: its label (with * when required), help, the control, its problems and the quality assistant's advice. */
export function FieldFrame({
  field,
  issues,
  children,
  extra
}: {
  field: FieldDefinition
  issues: FieldIssue[]
  children: ReactNode
  /** Shown on the right of the label, e.g. a character count. */
  extra?: ReactNode
}) {
  // Row-level issues are shown by the rows themselves; here the field-level ones (once each).
  const messages = [...new Set(issues.filter((i) => i.row === undefined).map((i) => i.message))]
  return (
    <View
      className={`wz-field wz-field--${field.kind}${messages.length ? ' has-error' : ''}`}
      id={`field-${field.id}`}
      data-field={field.id}
    >
      <View className='ui-row ui-baseline ui-between ui-gap-md'>
        <Text className='ui-h4 ui-grow' id={`label-${field.id}`}>
          {field.label}
          {field.required ? (
            <Text className='ui-danger' aria-label='必填'>
              {' '}*
            </Text>
          ) : (
            <Text className='wz-field__optional'>（选填）</Text>
          )}
        </Text>
        {extra}
      </View>
      {field.help ? <Text className='ui-help ui-mt-xs'>{field.help}</Text> : null}
      <View className='ui-mt-md'>{children}</View>
      {messages.length ? (
        <View className='ui-mt-sm' role='alert' data-testid={`error-${field.id}`}>
          {messages.map((m) => (
            <Text key={m} className='ui-error-md'>
              {m}
            </Text>
          ))}
        </View>
      ) : null}
      <FieldHints fieldId={field.id} />
    </View>
  )
}

/** A value shown as text that can be selected and copied (read-only view); 未填写 (no answer) greyed. */
export function ReadOnlyValue({ text, empty = text === EMPTY_ANSWER }: { text: string; empty?: boolean }) {
  return (
    <Text className={`wz-readonly ui-para ui-pre ui-break${empty ? ' ui-muted' : ''}`} selectable userSelect>
      {text}
    </Text>
  )
}

/** A field of a demand that can no longer be edited: its label and its value as text. */
export function ReadOnlyField({ field, text }: { field: FieldDefinition; text: string }) {
  return (
    <FieldFrame field={field} issues={[]}>
      <ReadOnlyValue text={text} />
    </FieldFrame>
  )
}

/** The button that opens a field's sheet or picker: read out as “label：value”, greyed while empty. */
export function PickerButton({
  label,
  empty,
  dialog,
  arrow = '›',
  onOpen,
  children
}: {
  label: string
  empty: boolean
  /** It opens a dialog (a bottom sheet). */
  dialog?: boolean
  arrow?: string
  onOpen: () => void
  children: ReactNode
}) {
  return (
    <View className={`wz-picker-button${empty ? ' is-empty' : ''}`} role='button' aria-haspopup={dialog ? 'dialog' : undefined} onClick={onOpen}>
      <Text className='sr-only'>{label}：</Text>
      {children}
      <Text className='ui-link ui-keep' aria-hidden='true'>
        {arrow}
      </Text>
    </View>
  )
}
