import { Input, TextArea } from '@nutui/nutui-react-taro'
import { Text } from '@tarojs/components'
import { isH5 } from '../../../services/env'
import type { TextareaField, TextField } from '../../../../types/campaign'
import { textLength } from '../../../../types/engine'
import { EMPTY_TEXT } from '../format'
import { FieldFrame, ReadOnlyField } from './field-frame'
import type { FieldProps } from './types'

/**
 * Far above any limit: NutUI cuts text at maxLength (TextArea defaults to 140), and the
 * platform counts UTF-16 units, not characters as people count them. Nothing typed is cut;
 * the count below follows the engine's `textLength` and turns red over the limit.
 */
const NO_CUT = 100_000

function Count({ id, length, max, min }: { id: string; length: number; max: number; min?: number }) {
  const over = length > max
  const under = min !== undefined && length > 0 && length < min
  return (
    <Text
      className={`wz-count${over ? ' is-over' : ''}${under ? ' is-under' : ''}`}
      data-testid={`count-${id}`}
      aria-label={`已输入${length}字，上限${max}字${over ? `，超出${length - max}字` : ''}`}
    >
      {length}/{max}
      {over ? ` · 超出${length - max}字` : under ? ` · 至少${min}字` : ''}
    </Text>
  )
}

export function TextInputField({ field, value, issues, onChange, onBlur, ctx }: FieldProps<TextField>) {
  const text = typeof value === 'string' ? value : ''
  if (ctx.readOnly) return <ReadOnlyField field={field} text={text || EMPTY_TEXT} empty={!text} />
  return (
    <FieldFrame field={field} issues={issues} extra={<Count id={field.id} length={textLength(text)} max={field.maxLength} />}>
      <Input
        className='wz-input'
        value={text}
        placeholder={field.placeholder ?? `请输入${field.label}`}
        maxLength={NO_CUT}
        aria-label={field.label}
        onChange={(v) => onChange(field.id, v === '' ? undefined : v)}
        onBlur={() => onBlur(field.id)}
      />
    </FieldFrame>
  )
}

export function TextareaInputField({ field, value, issues, onChange, onBlur, ctx }: FieldProps<TextareaField>) {
  const text = typeof value === 'string' ? value : ''
  if (ctx.readOnly) return <ReadOnlyField field={field} text={text || EMPTY_TEXT} empty={!text} />
  return (
    <FieldFrame
      field={field}
      issues={issues}
      extra={<Count id={field.id} length={textLength(text)} max={field.maxLength} min={field.minLength} />}
    >
      <TextArea
        className='wz-textarea'
        value={text}
        placeholder={field.placeholder ?? `请输入${field.label}`}
        maxLength={NO_CUT}
        // Mini-programs grow the box natively; on H5 the rows follow the text (about 18 characters a line).
        autoSize={!isH5()}
        rows={Math.min(16, Math.max(5, Math.ceil(textLength(text) / 18) + text.split('\n').length))}
        aria-label={field.label}
        onChange={(v) => onChange(field.id, v === '' ? undefined : v)}
        onBlur={() => onBlur(field.id)}
      />
    </FieldFrame>
  )
}
