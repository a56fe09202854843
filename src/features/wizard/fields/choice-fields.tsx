import { Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useRef } from 'react'
import { OTHER_TEXT_MAX, type DomainField, type GateField, type MultiChoiceField, type Option, type SingleChoiceField } from '../../../../types/campaign'
import { choiceValue, otherText, textLength, type DomainAnswer, type OtherChoice } from '../../../../types/engine'
import { directionDescription, directionLabel } from '../../../../types/labels'
import { answerText } from '../../../../types/display'
import { FieldFrame, ReadOnlyField } from './field-frame'
import type { FieldProps } from './types'

/**
 * A tappable option: a radio or a checkbox, with its hint under the label. Not NutUI's Radio /
 * Checkbox: they announce themselves with `ariaRole` / `ariaChecked`, which only mini-programs
 * read; on H5 these land as unknown attributes and a screen reader (and axe) finds no radio, no
 * checked state. This one carries role and aria-checked on every platform.
 */
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
      <View className='ui-grow'>
        <Text className='ui-value'>{option.label}</Text>
        {option.hint ? <Text className='ui-meta'>{option.hint}</Text> : null}
      </View>
    </View>
  )
}

/** A compact option of a radio group (an area, a direction): its label in a chip. */
function Chip({ value, label, checked, onSelect }: { value: string; label: string; checked: boolean; onSelect: () => void }) {
  return (
    <View className={`wz-chip${checked ? ' is-checked' : ''}`} role='radio' aria-checked={checked} data-value={value} onClick={onSelect}>
      {label}
    </View>
  )
}

/**
 * The text of a chosen “其他” option, right under it: its count follows the engine's
 * `textLength` against the option's limit (nothing typed is cut; the engine reports excess).
 */
function OtherText({ fieldId, option, text, onText }: { fieldId: string; option: Option; text: string; onText: (text: string) => void }) {
  const max = option.otherMaxLength ?? OTHER_TEXT_MAX
  const n = textLength(text)
  return (
    <View className='wz-other' data-testid={`other-${fieldId}`}>
      <Input
        className='wz-input wz-other__input'
        value={text}
        placeholder={`请填写“${option.label}”的具体内容`}
        maxLength={100_000}
        aria-label={`${option.label}的具体内容`}
        onChange={onText}
      />
      <Text className={`wz-count ui-meta ui-keep${n > max ? ' ui-danger ui-bold' : ''}`} data-testid={`other-count-${fieldId}`}>
        {n}/{max}
        {n > max ? ` · 超出${n - max}字` : ''}
      </Text>
    </View>
  )
}

/** The answer entry for an option: `{ value, other }` for an “其他” option (its text kept), else the value. */
const entryFor = (option: Option, text: string): string | OtherChoice => (option.other ? { value: option.value, other: text } : option.value)

export function SingleChoiceInput({ field, value, issues, onChange, ctx }: FieldProps<SingleChoiceField>) {
  // The text typed for “其他” comes back when the person picks it again (until the page closes).
  const lastOther = useRef(otherText(value))
  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  const chosen = choiceValue(value)
  const compact = field.options.length <= 3 && field.options.every((o) => o.label.length <= 6 && !o.hint && !o.other)
  return (
    <FieldFrame field={field} issues={issues}>
      <View className={`wz-choices ui-gap-sm ${compact ? 'wz-choices--row ui-flex' : 'ui-col'}`} role='radiogroup' aria-labelledby={`label-${field.id}`}>
        {field.options.map((o) => (
          <View key={o.value} className='wz-choice-wrap ui-col ui-gap-xs'>
            <Choice
              option={o}
              checked={chosen === o.value}
              onSelect={() => chosen !== o.value && onChange(field.id, entryFor(o, lastOther.current))}
            />
            {o.other && chosen === o.value ? (
              <OtherText
                fieldId={field.id}
                option={o}
                text={otherText(value)}
                onText={(text) => {
                  lastOther.current = text
                  onChange(field.id, { value: o.value, other: text })
                }}
              />
            ) : null}
          </View>
        ))}
      </View>
    </FieldFrame>
  )
}

export function MultiChoiceInput({ field, value, issues, onChange, ctx }: FieldProps<MultiChoiceField>) {
  const entries: unknown[] = Array.isArray(value) ? value : []
  const lastOther = useRef(otherText(entries.find((e) => typeof e === 'object')))
  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  const selected = entries.map(choiceValue)
  const toggle = (o: Option) => {
    onChange(field.id, (prev: unknown) => {
      const list: unknown[] = Array.isArray(prev) ? prev : []
      const has = list.some((x) => choiceValue(x) === o.value)
      const next = has ? list.filter((x) => choiceValue(x) !== o.value) : [...list, entryFor(o, lastOther.current)]
      return next.length ? next : undefined
    })
  }
  const setText = (o: Option, text: string) => {
    lastOther.current = text
    onChange(field.id, (prev: unknown) =>
      (Array.isArray(prev) ? prev : []).map((x) => (choiceValue(x) === o.value ? { value: o.value, other: text } : x))
    )
  }
  return (
    <FieldFrame field={field} issues={issues}>
      <View className='wz-choices ui-col ui-gap-sm' role='group' aria-labelledby={`label-${field.id}`}>
        {field.options.map((o) => {
          const checked = selected.includes(o.value)
          return (
            <View key={o.value} className='wz-choice-wrap ui-col ui-gap-xs'>
              <Choice option={o} multiple checked={checked} onSelect={() => toggle(o)} />
              {o.other && checked ? (
                <OtherText
                  fieldId={field.id}
                  option={o}
                  text={otherText(entries.find((e) => choiceValue(e) === o.value))}
                  onText={(text) => setText(o, text)}
                />
              ) : null}
            </View>
          )
        })}
      </View>
    </FieldFrame>
  )
}

/** 是 / 否, asked before anything else; the stop message is shown by the step. */
export function GateInput({ field, value, issues, onChange, ctx }: FieldProps<GateField>) {
  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  const options: Array<{ v: boolean; label: string }> = [
    { v: true, label: '是' },
    { v: false, label: '否' }
  ]
  return (
    <FieldFrame field={field} issues={issues.filter((i) => i.code !== 'GATE_STOPPED')}>
      <View className='wz-choices wz-choices--row ui-flex ui-gap-sm' role='radiogroup' aria-labelledby={`label-${field.id}`}>
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

/**
 * Field → direction: the campaign's fields first, then the chosen field's directions (as chips,
 * or as rows with their descriptions when the directions have any). An area without directions
 * asks for the area only; the answer's direction is then ''.
 */
export function DomainInput({ field, value, issues, onChange, ctx }: FieldProps<DomainField>) {
  const answer = (value && typeof value === 'object' ? value : { domain: '', direction: '' }) as DomainAnswer
  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  const domains = ctx.def.domains
  const chosen = domains.find((d) => d.id === answer.domain)
  const directions = (chosen?.directions ?? []).map((d) => ({ label: directionLabel(d), description: directionDescription(d) }))
  const described = directions.some((d) => d.description)
  const pick = (dir: string) =>
    chosen && onChange(field.id, { domain: chosen.id, direction: dir === answer.direction && !field.directionRequired ? '' : dir })
  const groups = [...new Set(domains.map((d) => d.group ?? ''))]
  return (
    <FieldFrame field={field} issues={issues}>
      <Text className='wz-subhead ui-label ui-mt-sm ui-mb-sm'>领域</Text>
      {groups.map((g) => (
        <View key={g || 'all'}>
          {g && groups.length > 1 ? <Text className='wz-group-label ui-meta ui-mt-xs ui-mb-xs'>{g}</Text> : null}
          <View className='ui-flex ui-wrap ui-gap-sm' role='radiogroup' aria-label={`${field.label}：领域${g ? `（${g}）` : ''}`}>
            {domains
              .filter((d) => (d.group ?? '') === g)
              .map((d) => (
                <Chip
                  key={d.id}
                  value={d.id}
                  label={d.label}
                  checked={d.id === answer.domain}
                  // Tapping the chosen area again clears a direction it cannot have (an answer from before
                  // the area lost its directions).
                  onSelect={() =>
                    (d.id !== answer.domain || (d.directions.length === 0 && answer.direction)) &&
                    onChange(field.id, { domain: d.id, direction: '' })
                  }
                />
              ))}
          </View>
        </View>
      ))}
      {chosen && directions.length === 0 ? (
        // An area without directions: the area is the whole answer, nothing more to tap.
        <Text className='ui-note ui-mt-2xs ui-mb-sm' data-testid={`direction-${field.id}`}>
          “{chosen.label}”不细分方向，选择领域即可
        </Text>
      ) : chosen && directions.length === 1 && !field.directionRequired && !described ? (
        // One optional direction: nothing to choose, so nothing to tap.
        <Text className='ui-note ui-mt-2xs ui-mb-sm' data-testid={`direction-${field.id}`}>
          方向：{directions[0].label}（无需选择）
        </Text>
      ) : chosen ? (
        <>
          <Text className='wz-subhead ui-label ui-mt-sm ui-mb-sm'>
            “{chosen.label}”的方向{field.directionRequired ? '' : '（选填）'}
          </Text>
          {described ? (
            <View className='wz-choices ui-col ui-gap-sm' role='radiogroup' aria-label={`${field.label}：方向`}>
              {directions.map((dir) => (
                <Choice
                  key={dir.label}
                  option={{ value: dir.label, label: dir.label, hint: dir.description || undefined }}
                  checked={dir.label === answer.direction}
                  onSelect={() => pick(dir.label)}
                />
              ))}
            </View>
          ) : (
            <View className='ui-flex ui-wrap ui-gap-sm' role='radiogroup' aria-label={`${field.label}：方向`}>
              {directions.map((dir) => (
                <Chip key={dir.label} value={dir.label} label={dir.label} checked={dir.label === answer.direction} onSelect={() => pick(dir.label)} />
              ))}
            </View>
          )}
        </>
      ) : null}
    </FieldFrame>
  )
}
