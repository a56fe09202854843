import { Button } from '../../components/button'
import { TextInput } from '../../components/text-input'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState, type ReactNode } from 'react'
import { UNIT_TYPES, UNIT_TYPE_LABELS, type Profile, type UnitType } from '../../../types/domain'
import { IDENTITY_FIELDS, PROFILE_LIMITS, normaliseProfile, validateProfile, type IdentityField, type ProfileUpdate } from '../../../types/profile'
import { toApiError } from '../../services/http'
import './profile.scss'

type Key = Exclude<keyof Profile, IdentityField>
const KEYS: Key[] = ['contactName', 'mobile', 'unitType']
const IDENTITY_LABELS: Record<IdentityField, string> = { enterpriseName: '单位名称', creditCode: '统一社会信用代码' }
/** The typed fields: the contact's name and mobile number. */
const TEXT_FIELDS = [
  { key: 'contactName', label: '联系人', placeholder: '负责本次需求填报的人员', maxLength: PROFILE_LIMITS.contactName, type: 'text' },
  { key: 'mobile', label: '手机号', placeholder: '11位手机号码', maxLength: 11, type: 'number' }
] as const

export interface ProfileFormProps {
  initial: Profile
  /** Saves what the contact may change and returns what the server stored. */
  onSave: (profile: ProfileUpdate) => Promise<Profile>
  onSaved?: (profile: Profile) => void
}

function Field({ label, error, children, fieldKey }: { label: string; error?: string; children: ReactNode; fieldKey: Key }) {
  return (
    <View className={`profile-field${error ? ' has-error' : ''}`} data-field={fieldKey}>
      <Text className='ui-strong ui-mb-xs'>
        {label}
        <Text className='ui-danger' aria-hidden='true'>
          {' '}*
        </Text>
      </Text>
      <View className='profile-field__control'>{children}</View>
      {error ? (
        <View className='ui-error ui-mt-sm' role='alert' data-testid={`error-${fieldKey}`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}

/**
 * The enterprise profile. The unit's name and credit code come from the legal-person sign-in
 * and are shown, not edited. The other fields are checked while typing with the same rules the
 * server applies (`validateProfile`); the server's own field errors are shown on the fields too.
 */
export function ProfileForm({ initial, onSave, onSaved }: ProfileFormProps) {
  const [values, setValues] = useState<Profile>(initial)
  const [touched, setTouched] = useState<Partial<Record<Key, boolean>>>({})
  const [serverErrors, setServerErrors] = useState<Partial<Record<Key, string>>>({})
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string>()

  const localErrors = useMemo(() => {
    const map: Partial<Record<Key, string>> = {}
    for (const e of validateProfile(values)) if (KEYS.includes(e.field as Key) && !map[e.field as Key]) map[e.field as Key] = e.message
    return map
  }, [values])

  const errorOf = (key: Key) => serverErrors[key] ?? (touched[key] ? localErrors[key] : undefined)

  const change = (key: Key, value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    setTouched((t) => ({ ...t, [key]: true }))
    setServerErrors((s) => ({ ...s, [key]: undefined }))
    setFormError(undefined)
  }

  const save = async () => {
    setTouched({ contactName: true, mobile: true, unitType: true })
    if (Object.keys(localErrors).length > 0) {
      setFormError('请先改正标红的项目')
      return
    }
    setSaving(true)
    setFormError(undefined)
    try {
      const { contactName, mobile, unitType } = normaliseProfile(values)
      const saved = await onSave({ contactName, mobile, unitType })
      setValues(saved)
      setServerErrors({})
      Taro.showToast({ title: '已保存', icon: 'success', duration: 1500 })
      onSaved?.(saved)
    } catch (e) {
      const err = toApiError(e)
      const byField: Partial<Record<Key, string>> = {}
      for (const f of err.fields ?? []) if (KEYS.includes(f.field as Key)) byField[f.field as Key] = f.message
      if (err.field && KEYS.includes(err.field as Key) && !byField[err.field as Key]) byField[err.field as Key] = err.message
      setServerErrors(byField)
      setFormError(Object.keys(byField).length > 0 ? '请按提示修改后再保存' : err.message)
    } finally {
      setSaving(false)
    }
  }

  const unitIndex = values.unitType ? UNIT_TYPES.indexOf(values.unitType as UnitType) : -1
  const unitLabels = UNIT_TYPES.map((t) => UNIT_TYPE_LABELS[t])

  return (
    <View className='profile-form'>
      <View className='profile-identity ui-pt-xs ui-pb-md ui-line-bottom' aria-label='政务服务账号认证的单位信息'>
        {IDENTITY_FIELDS.map((key) => (
          <View key={key} className='profile-identity__row ui-flex ui-between ui-gap-xl ui-py-sm' data-field={key}>
            <Text className='ui-text ui-muted ui-keep'>{IDENTITY_LABELS[key]}</Text>
            <Text className='profile-identity__value ui-value ui-break ui-right'>{values[key] || '未提供'}</Text>
          </View>
        ))}
        <Text className='ui-meta ui-mt-xs'>以上信息来自政务服务账号（法人）认证，不能在此修改；如有变更，请到政务服务网更新后重新登录。</Text>
      </View>
      {TEXT_FIELDS.map((f) => (
        <Field key={f.key} label={f.label} fieldKey={f.key} error={errorOf(f.key)}>
          <TextInput
            name={f.key}
            aria-label={f.label}
            type={f.type}
            placeholder={f.placeholder}
            value={values[f.key]}
            maxLength={f.maxLength}
            onChange={(v) => change(f.key, v)}
          />
        </Field>
      ))}
      <Field label='单位类型' fieldKey='unitType' error={errorOf('unitType')}>
        <Picker
          mode='selector'
          range={unitLabels}
          value={unitIndex < 0 ? 0 : unitIndex}
          onChange={(e) => change('unitType', UNIT_TYPES[Number(e.detail.value)])}
        >
          <View className={`profile-picker${unitIndex < 0 ? ' is-empty' : ''}`} role='button'>
            <Text className='sr-only'>单位类型：</Text>
            <Text>{unitIndex < 0 ? '请选择单位类型' : unitLabels[unitIndex]}</Text>
            <Text className='ui-chevron ui-down' aria-hidden='true'>
              ›
            </Text>
          </View>
        </Picker>
      </Field>
      {formError ? (
        <View className='ui-error-md ui-mt-xl' role='alert'>
          {formError}
        </View>
      ) : null}
      <Button className='profile-form__save' type='primary' block size='large' loading={saving} disabled={saving} onClick={save}>
        {saving ? '正在保存' : '保存'}
      </Button>
    </View>
  )
}
