import { Input, TextArea } from '@nutui/nutui-react-taro'
import { Text } from '@tarojs/components'
import { isH5 } from '../../../services/env'
import type { TextareaField, TextField, TextFormat } from '../../../../types/campaign'
import { textLength } from '../../../../types/engine'
import { EMPTY_ANSWER } from '../../../../types/display'
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
      className={`wz-count ui-meta ui-keep${over ? ' ui-danger ui-bold' : ''}${under ? ' ui-warn' : ''}`}
      data-testid={`count-${id}`}
      aria-label={`已输入${length}字，上限${max}字${over ? `，超出${length - max}字` : ''}`}
    >
      {length}/{max}
      {over ? ` · 超出${length - max}字` : under ? ` · 至少${min}字` : ''}
    </Text>
  )
}

/**
 * The keyboard for a text's format: phone numbers get the phone pad — `tel` on H5 (digits and
 * the hyphen of 0991-1234567), `number` on the mini-programs, which have no `tel` (a landline
 * is then typed without the hyphen, 09911234567, which the engine accepts too).
 */
export function inputTypeFor(format: TextFormat | undefined, h5: boolean): 'text' | 'number' | 'tel' | 'email' {
  if (format === 'phone' || format === 'mobile') return h5 ? 'tel' : 'number'
  if (format === 'email') return h5 ? 'email' : 'text'
  return 'text'
}

const FORMAT_PLACEHOLDERS: Record<TextFormat, string> = {
  phone: '固定电话如 0991-1234567，或手机号',
  mobile: '11位手机号',
  email: '如 name@example.com'
}

export function TextInputField({ field, value, issues, onChange, onBlur, ctx }: FieldProps<TextField>) {
  const text = typeof value === 'string' ? value : ''
  if (ctx.readOnly) return <ReadOnlyField field={field} text={text || EMPTY_ANSWER} />
  return (
    <FieldFrame field={field} issues={issues} extra={<Count id={field.id} length={textLength(text)} max={field.maxLength} />}>
      <Input
        className='wz-input'
        type={inputTypeFor(field.format, isH5())}
        value={text}
        placeholder={field.placeholder ?? (field.format ? FORMAT_PLACEHOLDERS[field.format] : `请输入${field.label}`)}
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
  if (ctx.readOnly) return <ReadOnlyField field={field} text={text || EMPTY_ANSWER} />
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
