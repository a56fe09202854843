import { Close } from '@nutui/icons-react-taro'
import { Input, Popup } from '@nutui/nutui-react-taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState, type PropsWithChildren } from 'react'
import { TRL_LEVELS, type MaturityField, type RecommenderField } from '../../../../types/campaign'
import { answerText } from '../../../../types/display'
import { FieldFrame, PickerButton, ReadOnlyField } from './field-frame'
import type { FieldProps } from './types'

interface SheetProps {
  title: string
  open: boolean
  onClose: () => void
  className?: string
}

/**
 * NutUI's bottom sheet with a close button of our own: NutUI marks its close icon with
 * `aria-role`, an attribute the mini-programs read but browsers do not, so on H5 it was no button.
 */
function Sheet({ title, open, onClose, className = '', children }: PropsWithChildren<SheetProps>) {
  const close = (
    <View className='wz-sheet__close' role='button' aria-label='关闭' onClick={onClose}>
      <Close size={16} />
    </View>
  )
  return (
    <Popup visible={open} position='bottom' round title={title} left={close} onClose={onClose} className={`wz-sheet ${className}`}>
      {children}
    </Popup>
  )
}

/** Technology readiness 1–9, each level with its one-line description. */
export function MaturityInput({ field, value, issues, onChange, ctx }: FieldProps<MaturityField>) {
  const [open, setOpen] = useState(false)
  const level = TRL_LEVELS.find((l) => l.level === value)
  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  return (
    <FieldFrame field={field} issues={issues}>
      <PickerButton label={field.label} empty={!level} dialog onOpen={() => setOpen(true)}>
        {level ? (
          <View className='ui-grow'>
            <Text className='wz-level ui-h4'>{level.level}级</Text>
            <Text className='wz-level-label ui-label'>{level.label}</Text>
          </View>
        ) : (
          <Text>请选择（1—9级）</Text>
        )}
      </PickerButton>
      <Sheet title={field.label} open={open} onClose={() => setOpen(false)}>
        <ScrollView scrollY className='wz-sheet__list'>
          <View role='radiogroup' aria-label={field.label}>
          {TRL_LEVELS.map((l) => (
            <View
              key={l.level}
              className={`wz-level-option${l.level === value ? ' is-checked' : ''}`}
              role='radio'
              aria-checked={l.level === value}
              data-level={l.level}
              onClick={() => {
                onChange(field.id, l.level)
                setOpen(false)
              }}
            >
              <Text className={`wz-level ui-h4${l.level === value ? ' ui-primary' : ''}`}>{l.level}级</Text>
              <Text className='wz-level-label ui-label'>{l.label}</Text>
            </View>
          ))}
          </View>
        </ScrollView>
      </Sheet>
    </FieldFrame>
  )
}

/** Exactly one recommending unit: searchable, grouped by unit type (with the type's quota). */
export function RecommenderInput({ field, value, issues, onChange, ctx, choices }: FieldProps<RecommenderField>) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const { unitTypes } = ctx.def.recommenders
  const units = choices ?? ctx.def.recommenders.units
  // One unit receives this route (e.g. a direct submission to the service centre): chosen for the person.
  // A unit the route no longer leads to (the track changed) is cleared, to be chosen again.
  const only = units.length === 1 ? units[0].id : null
  const allowed = typeof value === 'string' && units.some((u) => u.id === value)
  useEffect(() => {
    if (ctx.readOnly) return
    if (only && value !== only) onChange(field.id, only)
    else if (!only && value !== undefined && !allowed) onChange(field.id, undefined)
  }, [only, allowed, value, ctx.readOnly, field.id, onChange])
  const chosen = units.find((u) => u.id === value)
  const groups = useMemo(() => {
    const q = query.trim()
    return unitTypes
      .map((t) => ({ type: t, units: units.filter((u) => u.type === t.id && (!q || u.name.includes(q))) }))
      .filter((g) => g.units.length > 0)
  }, [units, unitTypes, query])

  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />
  const typeLabel = chosen ? unitTypes.find((t) => t.id === chosen.type)?.label : undefined
  return (
    <FieldFrame field={field} issues={issues}>
      <PickerButton label={field.label} empty={!chosen} dialog arrow={chosen ? '更换 ›' : '›'} onOpen={() => setOpen(true)}>
        {chosen ? (
          <View className='ui-grow'>
            <Text className='wz-unit-name ui-value-lg'>{chosen.name}</Text>
            {typeLabel ? <Text className='wz-level-label ui-label'>{typeLabel}</Text> : null}
          </View>
        ) : (
          <Text>请选择推荐单位</Text>
        )}
      </PickerButton>
      <Sheet title='选择推荐单位' open={open} onClose={() => setOpen(false)} className='wz-sheet--tall'>
        <View className='wz-sheet__search ui-px-2xl ui-pb-md'>
          <Input className='wz-input' value={query} placeholder='输入单位名称中的字搜索' clearable aria-label='搜索推荐单位' onChange={setQuery} />
        </View>
        <ScrollView scrollY className='wz-sheet__list wz-sheet__list--tall'>
          {groups.length === 0 ? <Text className='ui-note ui-center ui-py-3xl'>没有名称包含“{query}”的推荐单位</Text> : null}
          {groups.map((g) => (
            <View key={g.type.id} className='wz-unit-group ui-mb-md' role='radiogroup' aria-label={g.type.label}>
              <View className='wz-unit-group__head'>
                <Text className='ui-label ui-bold'>{g.type.label}</Text>
                {g.type.quota !== null ? <Text className='ui-caption'>每单位限荐{g.type.quota}项</Text> : null}
              </View>
              {g.units.map((u) => (
                <View
                  key={u.id}
                  className={`wz-unit${u.id === value ? ' is-checked' : ''}`}
                  role='radio'
                  aria-checked={u.id === value}
                  data-unit={u.id}
                  onClick={() => {
                    onChange(field.id, u.id)
                    setOpen(false)
                    setQuery('')
                  }}
                >
                  <Text>{u.name}</Text>
                  {u.id === value ? (
                    <Text className='ui-bold' aria-hidden='true'>
                      ✓
                    </Text>
                  ) : null}
                </View>
              ))}
            </View>
          ))}
        </ScrollView>
      </Sheet>
    </FieldFrame>
  )
}
