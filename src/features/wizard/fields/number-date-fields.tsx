import { DatePicker, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { DateField, NumberField } from '../../../../types/campaign'
import { formatDay } from '../../../../types/time'
import { EMPTY_ANSWER, answerText } from '../../../../types/display'
import { FieldFrame, PickerButton, ReadOnlyField } from './field-frame'
import type { FieldProps } from './types'

/**
 * Keeps only what can make a number: digits, one point, and a leading minus where the field
 * allows negatives. The server refuses a draft whose number is text, so text never leaves here.
 */
function sanitise(input: string, allowNegative: boolean): string {
  let out = ''
  let dot = false
  for (const ch of input.replace(/[，,\s]/g, '').replace(/。/g, '.')) {
    if (ch >= '0' && ch <= '9') out += ch
    else if (ch === '.' && !dot) {
      dot = true
      out += ch
    } else if (ch === '-' && allowNegative && out === '') out += ch
  }
  return out
}

function parse(text: string): number | undefined {
  if (text === '' || text === '-' || text === '.' || text === '-.') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** Money in 万元 or another quantity: the unit beside the box, range and precision checked by the engine. */
export function NumberInput({ field, value, issues, onChange, onBlur, ctx }: FieldProps<NumberField>) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '')
  // A value changed elsewhere (conflict resolved, another step): show it.
  useEffect(() => {
    const current = typeof value === 'number' ? value : undefined
    if (parse(text) !== current) setText(current === undefined ? '' : String(current))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value])

  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  const allowNegative = field.min !== undefined && field.min < 0
  const range =
    field.min !== undefined && field.max !== undefined
      ? `${field.min}—${field.max}`
      : field.min !== undefined
        ? `不小于${field.min}`
        : field.max !== undefined
          ? `不大于${field.max}`
          : ''
  return (
    <FieldFrame field={field} issues={issues}>
      <View className='wz-number ui-row ui-gap-md'>
        <Input
          className='wz-input ui-grow'
          type='digit'
          {...({ nativeProps: { inputMode: 'decimal' } } as object)}
          value={text}
          placeholder={field.placeholder ?? (range ? `${range}` : '请输入数字')}
          aria-label={`${field.label}（${field.unit}）`}
          onChange={(v) => {
            const t = sanitise(v, allowNegative)
            setText(t)
            onChange(field.id, parse(t))
          }}
          onBlur={() => onBlur(field.id)}
        />
        <Text className='wz-number__unit ui-keep'>{field.unit}</Text>
      </View>
      {field.precision > 0 ? <Text className='ui-note ui-mt-2xs ui-mb-sm'>最多保留{field.precision}位小数</Text> : null}
    </FieldFrame>
  )
}

const pad = (n: number) => String(n).padStart(2, '0')

function toDate(day: unknown): Date | undefined {
  if (typeof day !== 'string') return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined
}

const START = new Date(2000, 0, 1)
const END = new Date(2060, 11, 31)

export function DateInput({ field, value, issues, onChange, ctx }: FieldProps<DateField>) {
  const [open, setOpen] = useState(false)
  const day = typeof value === 'string' ? value : ''
  if (ctx.readOnly) return <ReadOnlyField field={field} text={day ? formatDay(day) : EMPTY_ANSWER} />
  return (
    <FieldFrame field={field} issues={issues}>
      <PickerButton label={field.label} empty={!day} onOpen={() => setOpen(true)}>
        <Text>{day ? formatDay(day) : '请选择日期'}</Text>
      </PickerButton>
      {open ? (
        <DatePicker
          visible
          title={field.label}
          type='date'
          showChinese
          startDate={START}
          endDate={END}
          defaultValue={toDate(day) ?? new Date()}
          onClose={() => setOpen(false)}
          onConfirm={(_options, values) => {
            const [y, m, d] = values.map((v) => Number(v))
            onChange(field.id, `${y}-${pad(m)}-${pad(d)}`)
            setOpen(false)
          }}
        />
      ) : null}
    </FieldFrame>
  )
}
