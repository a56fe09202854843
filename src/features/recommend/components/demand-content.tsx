import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CampaignDefinition, FieldDefinition } from '../../../../types/campaign'
import { displayAnswer } from '../../../../types/display'
import { UNIT_TYPE_LABELS, type Profile, type UnitType } from '../../../../types/domain'
import { isVisible, type AttachmentRef, type IndicatorRow } from '../../../../types/engine'

const EMPTY = '未填写'

function Value({ def, field, value }: { def: CampaignDefinition; field: FieldDefinition; value: unknown }) {
  if (field.kind === 'indicators' && Array.isArray(value) && value.length > 0) {
    return (
      <View className='rc-field__indicators' role='list'>
        {(value as IndicatorRow[]).map((r, i) => (
          <View key={i} className='rc-indicator' role='listitem'>
            <Text className='rc-indicator__name'>{r.name}</Text>
            <Text className='rc-indicator__values'>
              {r.current ? `现状 ${r.current} → ` : ''}目标 {r.target} {r.unit}
            </Text>
          </View>
        ))}
      </View>
    )
  }
  if (field.kind === 'attachments' && Array.isArray(value) && value.length > 0) {
    return (
      <View className='rc-field__files' role='list'>
        {(value as AttachmentRef[]).map((a) => (
          <View key={a.id} className='rc-file' role='listitem'>
            {a.name}（{(a.size / 1024 / 1024).toFixed(a.size < 1024 * 1024 ? 2 : 1)} MB）
          </View>
        ))}
      </View>
    )
  }
  const shown = displayAnswer(def, field, value)
  if (shown === null || shown === '') return <Text className='rc-field__value is-empty'>{EMPTY}</Text>
  const unit = (field.kind === 'amount' || field.kind === 'number') && typeof shown === 'number' ? ` ${field.unit}` : ''
  return (
    <Text className={`rc-field__value${field.kind === 'textarea' ? ' is-long' : ''}`} userSelect>
      {String(shown)}
      {unit}
    </Text>
  )
}

const PROFILE_ROWS: Array<{ key: keyof Profile; label: string }> = [
  { key: 'enterpriseName', label: '单位名称' },
  { key: 'creditCode', label: '统一社会信用代码' },
  { key: 'unitType', label: '单位类型' },
  { key: 'contactName', label: '联系人' },
  { key: 'mobile', label: '手机号' }
]

function ProfileSection({ profile }: { profile: Profile }) {
  return (
    <View className='card rc-section' data-testid='section-profile'>
      <Text className='rc-section__title'>需求单位</Text>
      {PROFILE_ROWS.map(({ key, label }) => {
        const raw = profile[key]
        const text = key === 'unitType' ? UNIT_TYPE_LABELS[raw as UnitType] ?? '' : String(raw ?? '')
        return (
          <View key={key} className='rc-field rc-field--inline'>
            <Text className='rc-field__label'>{label}</Text>
            {key === 'mobile' && text ? (
              <View
                className='rc-field__value rc-link'
                role='button'
                aria-label={`拨打联系人电话 ${text}`}
                onClick={() => void Taro.makePhoneCall({ phoneNumber: text }).catch(() => undefined)}
              >
                {text}
              </View>
            ) : (
              <Text className={`rc-field__value${text ? '' : ' is-empty'}`} userSelect>
                {text || EMPTY}
              </Text>
            )}
          </View>
        )
      })}
    </View>
  )
}

/**
 * The submitted version as the enterprise sent it, step by step, with the campaign's labels
 * (types/display.ts): choices as their labels, the field as 领域 / 方向, the unit by name.
 * Fields hidden by the enterprise's answers are left out, as on its own review page.
 */
export function DemandContent({ def, answers, profile }: { def: CampaignDefinition; answers: Record<string, unknown>; profile: Profile }) {
  const steps = def.steps
    .map((s) => ({ step: s, fields: s.fields.filter((f) => isVisible(f, answers, def)) }))
    .filter((s) => s.fields.length > 0)
  return (
    <View className='rc-content' data-testid='demand-content'>
      <ProfileSection profile={profile} />
      {steps.map(({ step, fields }) => (
        <View key={step.id} className='card rc-section' data-testid={`section-${step.id}`}>
          <Text className='rc-section__title'>{step.title}</Text>
          {fields.map((f) => (
            <View key={f.id} className='rc-field' data-field={f.id}>
              <Text className='rc-field__label'>{f.label}</Text>
              <Value def={def} field={f} value={answers[f.id]} />
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
