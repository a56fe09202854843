/**
 * The studio's form controls: each with a visible label (also its accessible name), the
 * validator's messages for the place it edits under it, and the value as plain JSON.
 */
import { Input, TextArea } from '@nutui/nutui-react-taro'
import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { DefinitionProblem } from '../../../../types/validate-definition'
import { asText } from '../definition'

/** The validator's messages for one place. */
export function Messages({ items, testId }: { items: string[]; testId?: string }) {
  if (!items.length) return null
  return (
    <View className='ui-col ui-gap-2xs ui-mt-xs' data-testid={testId ?? 'problem'}>
      {[...new Set(items)].map((m) => (
        <Text key={m} className='ui-error ui-break'>
          {m}
        </Text>
      ))}
    </View>
  )
}

/** Problems no control shows, written out with their path. */
export function ProblemLines({ problems }: { problems: DefinitionProblem[] }) {
  if (!problems.length) return null
  return (
    <View className='ui-col ui-gap-2xs ui-mt-xs' data-testid='problem'>
      {problems.map((p, i) => (
        <Text key={`${p.path}-${i}`} className='ui-error ui-break'>
          <Text className='st-path'>{p.path}</Text>：{p.message}
        </Text>
      ))}
    </View>
  )
}

export interface RowProps {
  label: string
  /** Shown after the label: 必填 / 选填 and the like. */
  tag?: string
  hint?: string
  messages?: string[]
  /** Extra class, e.g. to let a row span the whole grid. */
  className?: string
  children: ReactNode
}

/** A labelled control with its hint and the messages about it. */
export function Row({ label, tag, hint, messages = [], className, children }: RowProps) {
  return (
    <View className={`st-row${messages.length ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Text className='st-row__label'>
        {label}
        {tag ? <Text className='ui-regular ui-muted'>（{tag}）</Text> : null}
      </Text>
      {hint ? <Text className='st-row__hint ui-caption'>{hint}</Text> : null}
      <View className='st-row__control'>{children}</View>
      <Messages items={messages} />
    </View>
  )
}

interface TextBoxProps {
  label: string
  value: unknown
  onChange: (value: string | undefined) => void
  placeholder?: string
  /** An empty box removes the key (optional texts). */
  optional?: boolean
  multiline?: boolean
  hint?: string
  messages?: string[]
  className?: string
  testId?: string
}

const NO_CUT = 100_000

export function TextBox({ label, value, onChange, placeholder, optional, multiline, hint, messages, className, testId }: TextBoxProps) {
  const text = asText(value)
  const change = (v: string) => onChange(optional && v === '' ? undefined : v)
  return (
    <Row label={label} tag={optional ? '选填' : undefined} hint={hint} messages={messages} className={className}>
      {multiline ? (
        <TextArea
          className='st-textarea'
          value={text}
          placeholder={placeholder}
          maxLength={NO_CUT}
          rows={Math.min(10, Math.max(3, Math.ceil(text.length / 28) + text.split('\n').length - 1))}
          aria-label={label}
          data-testid={testId}
          onChange={change}
        />
      ) : (
        <Input className='st-input' value={text} placeholder={placeholder} maxLength={NO_CUT} aria-label={label} data-testid={testId} onChange={change} />
      )}
    </Row>
  )
}

const numberText = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '')

interface NumberBoxProps {
  label: string
  value: unknown
  onChange: (value: number | string | undefined) => void
  placeholder?: string
  optional?: boolean
  hint?: string
  messages?: string[]
  className?: string
}

/**
 * A number: what parses is stored as a number, anything else as the text typed (so that the
 * validator says what is wrong); an empty box removes the key.
 */
export function NumberBox({ label, value, onChange, placeholder, optional, hint, messages, className }: NumberBoxProps) {
  const [text, setText] = useState(numberText(value))
  const last = useRef<unknown>(value)
  // Changed elsewhere (the JSON tab, another control): show the new value.
  useEffect(() => {
    if (value !== last.current) {
      last.current = value
      setText(numberText(value))
    }
  }, [value])
  const change = (v: string) => {
    setText(v)
    const t = v.trim()
    const n = Number(t)
    const next = t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) && Number.isFinite(n) ? n : t
    last.current = next
    onChange(next)
  }
  return (
    <Row label={label} tag={optional ? '选填' : undefined} hint={hint} messages={messages} className={className}>
      <Input className='st-input' value={text} placeholder={placeholder} maxLength={30} aria-label={label} onChange={change} />
    </Row>
  )
}

interface DateBoxProps {
  label: string
  value: unknown
  onChange: (value: string | undefined) => void
  optional?: boolean
  messages?: string[]
  className?: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day typed as YYYY-MM-DD, or chosen with the platform's date picker. */
export function DateBox({ label, value, onChange, optional, messages, className }: DateBoxProps) {
  const text = asText(value)
  return (
    <Row label={label} tag={optional ? '选填' : undefined} messages={messages} className={className}>
      <View className='st-date'>
        <Input
          className='st-input ui-grow'
          value={text}
          placeholder='YYYY-MM-DD'
          maxLength={10}
          aria-label={`${label}（YYYY-MM-DD）`}
          onChange={(v) => onChange(optional && v === '' ? undefined : v)}
        />
        <Picker mode='date' value={DAY.test(text) ? text : ''} start='2020-01-01' end='2099-12-31' onChange={(e) => onChange(String(e.detail.value))}>
          <View className='st-date__pick' role='button' aria-label={`选择${label}`}>
            选择
          </View>
        </Picker>
      </View>
    </Row>
  )
}

interface SelectBoxProps {
  label: string
  value: unknown
  options: ReadonlyArray<{ value: string; label: string }>
  onChange: (value: string) => void
  placeholder?: string
  messages?: string[]
  className?: string
  testId?: string
}

/** One of a list, with the platform's picker. */
export function SelectBox({ label, value, options, onChange, placeholder = '请选择', messages, className, testId }: SelectBoxProps) {
  const index = options.findIndex((o) => o.value === value)
  const shown = index >= 0 ? options[index].label : typeof value === 'string' && value ? `${value}（无此项）` : placeholder
  return (
    <Row label={label} messages={messages} className={className}>
      {options.length ? (
        <Picker mode='selector' range={options.map((o) => o.label)} value={Math.max(0, index)} onChange={(e) => onChange(options[Number(e.detail.value)].value)}>
          <View className={`st-select${index < 0 ? ' is-empty' : ''}`} role='button' aria-haspopup='listbox' data-testid={testId}>
            <Text className='sr-only'>{label}：</Text>
            <Text className='st-select__text ui-grow ui-break'>{shown}</Text>
            <Text className='st-select__arrow' aria-hidden='true'>
              ›
            </Text>
          </View>
        </Picker>
      ) : (
        <Text className='st-select is-empty'>{placeholder}</Text>
      )}
    </Row>
  )
}

/** A checkbox with its label, tappable as a whole. */
export function CheckBox({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string }) {
  return (
    <View className={`st-check${checked ? ' is-checked' : ''}`} role='checkbox' aria-checked={checked} data-testid={testId} onClick={() => onChange(!checked)}>
      <View className='st-check__box' aria-hidden='true'>
        {checked ? '✓' : ''}
      </View>
      <Text className='ui-value-sm'>{label}</Text>
    </View>
  )
}

/** 上移 / 下移 / 删除 of one item in a list, each named with the item. */
export function ItemActions({
  name,
  index,
  count,
  onMove,
  onRemove,
  removeText = '删除'
}: {
  name: string
  index: number
  count: number
  onMove: (to: number) => void
  onRemove: () => void
  removeText?: string
}) {
  return (
    <View className='st-item-actions ui-flex ui-wrap ui-gap-sm'>
      {count > 1 ? (
        <>
          <View
            className={`st-mini${index === 0 ? ' is-disabled' : ''}`}
            role='button'
            aria-disabled={index === 0}
            aria-label={`上移${name}`}
            onClick={() => index > 0 && onMove(index - 1)}
          >
            上移
          </View>
          <View
            className={`st-mini${index === count - 1 ? ' is-disabled' : ''}`}
            role='button'
            aria-disabled={index === count - 1}
            aria-label={`下移${name}`}
            onClick={() => index < count - 1 && onMove(index + 1)}
          >
            下移
          </View>
        </>
      ) : null}
      <View className='st-mini st-mini--danger' role='button' aria-label={`${removeText}${name}`} onClick={onRemove}>
        {removeText}
      </View>
    </View>
  )
}

/** ＋ 添加… under a list. */
export function AddButton({ text, onClick, testId }: { text: string; onClick: () => void; testId?: string }) {
  return (
    <View className='st-add' role='button' data-testid={testId} onClick={onClick}>
      ＋ {text}
    </View>
  )
}

/** A titled group of controls inside a tab. */
export function Section({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <View className='card' data-testid={testId}>
      <View className='ui-row ui-between ui-gap-md ui-mb-xs'>
        <View className='ui-h3' role='heading' aria-level={3}>
          {title}
        </View>
        {extra}
      </View>
      {children}
    </View>
  )
}
