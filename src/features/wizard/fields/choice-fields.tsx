import { Text, View } from '@tarojs/components'
import type { DomainField, GateField, MultiChoiceField, Option, SingleChoiceField } from '../../../../types/campaign'
import type { DomainAnswer } from '../../../../types/engine'
import { valueText } from '../format'
import { FieldFrame, ReadOnlyField, ReadOnlyValue } from './field-frame'
import type { FieldProps } from './types'

/** A tappable option: a radio or a checkbox, with its hint under the label. */
function Choice({
  option,
  checked,
  multiple,
  onSelect
}: {
  option: Option
  checked: boolean
  multiple?: boolean
  onSelect: () => void
}) {
  return (
    <View
      className={`wz-choice${checked ? ' is-checked' : ''}${multiple ? ' wz-choice--multi' : ''}`}
      role={multiple ? 'checkbox' : 'radio'}
      aria-checked={checked}
      data-value={option.value}
      onClick={onSelect}
    >
      <View className='wz-choice__mark' aria-hidden='true'>
        {checked ? (multiple ? '✓' : '●') : ''}
      </View>
      <View className='wz-choice__body'>
        <Text className='wz-choice__label'>{option.label}</Text>
        {option.hint ? <Text className='wz-choice__hint'>{option.hint}</Text> : null}
      </View>
    </View>
  )
}

export function SingleChoiceInput({ field, value, issues, onChange, ctx }: FieldProps<SingleChoiceField>) {
  if (ctx.readOnly) return <ReadOnlyField field={field} text={valueText(ctx.def, field, value)} />
  const compact = field.options.length <= 3 && field.options.every((o) => o.label.length <= 6 && !o.hint)
  return (
    <FieldFrame field={field} issues={issues}>
      <View className={`wz-choices${compact ? ' wz-choices--row' : ''}`} role='radiogroup' aria-labelledby={`label-${field.id}`}>
        {field.options.map((o) => (
          <Choice key={o.value} option={o} checked={value === o.value} onSelect={() => onChange(field.id, o.value)} />
        ))}
      </View>
    </FieldFrame>
  )
}

export function MultiChoiceInput({ field, value, issues, onChange, ctx }: FieldProps<MultiChoiceField>) {
  const selected = Array.isArray(value) ? (value as string[]) : []
  if (ctx.readOnly) return <ReadOnlyField field={field} text={valueText(ctx.def, field, value)} />
  const toggle = (v: string) => {
    onChange(field.id, (prev: unknown) => {
      const list = Array.isArray(prev) ? (prev as string[]) : []
      const next = list.includes(v) ? list.filter((x) => x !== v) : [...list, v]
      return next.length ? next : undefined
    })
  }
  return (
    <FieldFrame field={field} issues={issues}>
      <View className='wz-choices' role='group' aria-labelledby={`label-${field.id}`}>
        {field.options.map((o) => (
          <Choice key={o.value} option={o} multiple checked={selected.includes(o.value)} onSelect={() => toggle(o.value)} />
        ))}
      </View>
    </FieldFrame>
  )
}

/** 是 / 否, asked before anything else; the stop message is shown by the step. */
export function GateInput({ field, value, issues, onChange, ctx }: FieldProps<GateField>) {
  if (ctx.readOnly) {
    return (
      <FieldFrame field={field} issues={[]}>
        <ReadOnlyValue text={valueText(ctx.def, field, value)} />
      </FieldFrame>
    )
  }
  const options: Array<{ v: boolean; label: string }> = [
    { v: true, label: '是' },
    { v: false, label: '否' }
  ]
  return (
    <FieldFrame field={field} issues={issues.filter((i) => i.code !== 'GATE_STOPPED')}>
      <View className='wz-choices wz-choices--row' role='radiogroup' aria-labelledby={`label-${field.id}`}>
        {options.map((o) => (
          <Choice
            key={o.label}
            option={{ value: String(o.v), label: o.label }}
            checked={value === o.v}
            onSelect={() => onChange(field.id, o.v)}
          />
        ))}
      </View>
    </FieldFrame>
  )
}

/** Field → direction: the campaign's fields first, then the chosen field's directions. */
export function DomainInput({ field, value, issues, onChange, ctx }: FieldProps<DomainField>) {
  const answer = (value && typeof value === 'object' ? value : { domain: '', direction: '' }) as DomainAnswer
  if (ctx.readOnly) return <ReadOnlyField field={field} text={valueText(ctx.def, field, value)} />
  const domains = ctx.def.domains
  const chosen = domains.find((d) => d.id === answer.domain)
  const groups = [...new Set(domains.map((d) => d.group ?? ''))]
  return (
    <FieldFrame field={field} issues={issues}>
      <Text className='wz-subhead'>领域</Text>
      {groups.map((g) => (
        <View key={g || 'all'}>
          {g && groups.length > 1 ? <Text className='wz-group-label'>{g}</Text> : null}
          <View className='wz-chips' role='radiogroup' aria-label={`${field.label}：领域${g ? `（${g}）` : ''}`}>
            {domains
              .filter((d) => (d.group ?? '') === g)
              .map((d) => (
                <View
                  key={d.id}
                  className={`wz-chip${d.id === answer.domain ? ' is-checked' : ''}`}
                  role='radio'
                  aria-checked={d.id === answer.domain}
                  data-value={d.id}
                  onClick={() => d.id !== answer.domain && onChange(field.id, { domain: d.id, direction: '' })}
                >
                  {d.label}
                </View>
              ))}
          </View>
        </View>
      ))}
      {chosen && chosen.directions.length === 1 && !field.directionRequired ? (
        // One optional direction (such as 本批次不细分方向): nothing to choose, so nothing to tap.
        <Text className='wz-note' data-testid={`direction-${field.id}`}>
          方向：{chosen.directions[0]}（无需选择）
        </Text>
      ) : chosen ? (
        <>
          <Text className='wz-subhead'>
            “{chosen.label}”的方向{field.directionRequired ? '' : '（选填）'}
          </Text>
          <View className='wz-chips' role='radiogroup' aria-label={`${field.label}：方向`}>
            {chosen.directions.map((dir) => (
              <View
                key={dir}
                className={`wz-chip${dir === answer.direction ? ' is-checked' : ''}`}
                role='radio'
                aria-checked={dir === answer.direction}
                data-value={dir}
                onClick={() => onChange(field.id, { domain: chosen.id, direction: dir === answer.direction && !field.directionRequired ? '' : dir })}
              >
                {dir}
              </View>
            ))}
          </View>
        </>
      ) : null}
    </FieldFrame>
  )
}
