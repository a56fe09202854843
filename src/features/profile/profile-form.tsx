import { Input } from '@nutui/nutui-react-taro'
import { Button } from '../../components/button'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState, type ReactNode } from 'react'
import { UNIT_TYPES, UNIT_TYPE_LABELS, type Profile, type UnitType } from '../../../types/domain'
import { PROFILE_LIMITS, normaliseProfile, validateProfile } from '../../../types/profile'
import { toApiError } from '../../services/http'
import './profile.scss'

type Key = keyof Profile
const KEYS: Key[] = ['enterpriseName', 'creditCode', 'contactName', 'mobile', 'unitType']

export interface ProfileFormProps {
  initial: Profile
  /** Saves and returns what the server stored. */
  onSave: (profile: Profile) => Promise<Profile>
  onSaved?: (profile: Profile) => void
}

function Field({ label, error, children, fieldKey }: { label: string; error?: string; children: ReactNode; fieldKey: Key }) {
  return (
    <View className={`profile-field${error ? ' has-error' : ''}`} data-field={fieldKey}>
      <Text className='profile-field__label'>
        {label}
        <Text className='profile-field__required' aria-hidden='true'>
          {' '}*
        </Text>
      </Text>
      <View className='profile-field__control'>{children}</View>
      {error ? (
        <View className='profile-field__error' role='alert' data-testid={`error-${fieldKey}`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}

/**
 * The enterprise profile. Each field is checked while typing with the same rules the server
 * applies (`validateProfile`); the server's own field errors are shown on the fields too.
 */
export function ProfileForm({ initial, onSave, onSaved }: ProfileFormProps) {
  const [values, setValues] = useState<Profile>(initial)
  const [touched, setTouched] = useState<Partial<Record<Key, boolean>>>({})
  const [serverErrors, setServerErrors] = useState<Partial<Record<Key, string>>>({})
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string>()

  const localErrors = useMemo(() => {
    const map: Partial<Record<Key, string>> = {}
    for (const e of validateProfile(values)) if (!map[e.field as Key]) map[e.field as Key] = e.message
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
    setTouched({ enterpriseName: true, creditCode: true, contactName: true, mobile: true, unitType: true })
    if (Object.keys(localErrors).length > 0) {
      setFormError('请先改正标红的项目')
      return
    }
    setSaving(true)
    setFormError(undefined)
    try {
      const saved = await onSave(normaliseProfile(values))
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
      <Field label='单位名称' fieldKey='enterpriseName' error={errorOf('enterpriseName')}>
        <Input
          name='enterpriseName'
          aria-label='单位名称'
          placeholder='与营业执照或法人证书一致'
          value={values.enterpriseName}
          maxLength={PROFILE_LIMITS.enterpriseName}
          onChange={(v) => change('enterpriseName', v)}
        />
      </Field>
      <Field label='统一社会信用代码' fieldKey='creditCode' error={errorOf('creditCode')}>
        <Input
          name='creditCode'
          aria-label='统一社会信用代码'
          placeholder='18位，数字或大写字母'
          value={values.creditCode}
          maxLength={18}
          onChange={(v) => change('creditCode', v.toUpperCase())}
        />
      </Field>
      <Field label='联系人' fieldKey='contactName' error={errorOf('contactName')}>
        <Input
          name='contactName'
          aria-label='联系人'
          placeholder='负责本次需求填报的人员'
          value={values.contactName}
          maxLength={PROFILE_LIMITS.contactName}
          onChange={(v) => change('contactName', v)}
        />
      </Field>
      <Field label='手机号' fieldKey='mobile' error={errorOf('mobile')}>
        <Input
          name='mobile'
          aria-label='手机号'
          type='number'
          placeholder='11位手机号码'
          value={values.mobile}
          maxLength={11}
          onChange={(v) => change('mobile', v)}
        />
      </Field>
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
            <Text className='profile-picker__arrow' aria-hidden='true'>
              ›
            </Text>
          </View>
        </Picker>
      </Field>
      {formError ? (
        <View className='profile-form__error' role='alert'>
          {formError}
        </View>
      ) : null}
      <Button className='profile-form__save' type='primary' block size='large' loading={saving} disabled={saving} onClick={save}>
        {saving ? '正在保存' : '保存'}
      </Button>
    </View>
  )
}
