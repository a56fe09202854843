import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CampaignDefinition, FieldDefinition } from '../../../../types/campaign'
import { answerText, EMPTY_ANSWER, formatSize, indicatorValues } from '../../../../types/display'
import { UNIT_TYPE_LABELS, type Profile, type UnitType } from '../../../../types/domain'
import { isVisible, type AttachmentRef, type IndicatorRow } from '../../../../types/engine'
import { PhoneLink } from '../../../components/phone-link'
import { isH5 } from '../../../services/env'
import { downloadFile } from '../../../services/download'
import { toApiError } from '../../../services/http'
import { attachmentPath } from '../api'

/** One file of the submitted version: tap to download (H5) or open (mini-programs). */
export function FileItem({ demandId, file }: { demandId: string; file: AttachmentRef }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const open = async () => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    try {
      const result = await downloadFile(attachmentPath(demandId, file.id), file.name, '附件')
      if (result.openFailed) setError('本机无法直接打开该文件，可在电脑浏览器中登录后下载')
      else if (isH5()) Taro.showToast({ title: '附件已开始下载', icon: 'none', duration: 2000 })
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='rc-file ui-py-xs' role='listitem' data-attachment={file.id}>
      {/* named by what it shows (the file, its size, 下载 / 打开): a label of its own would differ from the visible text */}
      <View className='rc-file__open' role='button' onClick={() => void open()}>
        <Text className='ui-break'>{file.name}</Text>
        <Text className='ui-meta'>
          {formatSize(file.size)} · {busy ? '正在下载…' : isH5() ? '下载' : '打开'}
        </Text>
      </View>
      {error ? (
        <View className='ui-error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}

/** One answer as the unit and the bureau read it: indicators as rows, files to open, phone numbers to call, the rest as text. */
export function Value({ demandId, def, field, value }: { demandId: string; def: CampaignDefinition; field: FieldDefinition; value: unknown }) {
  if (field.kind === 'indicators' && Array.isArray(value) && value.length > 0) {
    return (
      <View className='rc-field__indicators' role='list'>
        {(value as IndicatorRow[]).map((r, i) => (
          <View key={i} className='rc-indicator' role='listitem'>
            <Text className='ui-strong'>{r.name}</Text>
            <Text className='ui-text ui-nums'>{indicatorValues(r)}</Text>
          </View>
        ))}
      </View>
    )
  }
  if (field.kind === 'attachments' && Array.isArray(value) && value.length > 0) {
    return (
      <View className='rc-field__files' role='list'>
        {(value as AttachmentRef[]).map((a) => (
          <FileItem key={a.id} demandId={demandId} file={a} />
        ))}
      </View>
    )
  }
  const shown = answerText(def, field, value)
  if (shown === EMPTY_ANSWER) return <Text className='rc-field__value is-empty'>{EMPTY_ANSWER}</Text>
  if (field.kind === 'text' && (field.format === 'phone' || field.format === 'mobile')) {
    return (
      <Text className='rc-field__value'>
        <PhoneLink phone={shown} label={`拨打${field.label} ${shown}`} />
      </Text>
    )
  }
  return (
    <Text className={`rc-field__value${field.kind === 'textarea' ? ' ui-pre' : ''}`} userSelect>
      {shown}
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
      <Text className='rc-section__title ui-h3 ui-mb-xs'>需求单位</Text>
      {PROFILE_ROWS.map(({ key, label }) => {
        const raw = profile[key]
        const text = key === 'unitType' ? UNIT_TYPE_LABELS[raw as UnitType] ?? '' : String(raw ?? '')
        return (
          <View key={key} className='rc-field rc-field--inline'>
            <Text className='rc-field__label ui-label ui-mb-xs'>{label}</Text>
            {key === 'mobile' && text ? (
              <Text className='rc-field__value ui-grow'>
                <PhoneLink phone={text} label={`拨打联系人电话 ${text}`} />
              </Text>
            ) : (
              <Text className={`rc-field__value ui-grow${text ? '' : ' is-empty'}`} userSelect>
                {text || EMPTY_ANSWER}
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
export function DemandContent({
  demandId,
  def,
  answers,
  profile
}: {
  demandId: string
  def: CampaignDefinition
  answers: Record<string, unknown>
  profile: Profile
}) {
  const steps = def.steps
    .map((s) => ({ step: s, fields: s.fields.filter((f) => isVisible(f, answers, def)) }))
    .filter((s) => s.fields.length > 0)
  return (
    <View className='rc-content' data-testid='demand-content'>
      <ProfileSection profile={profile} />
      {steps.map(({ step, fields }) => (
        <View key={step.id} className='card rc-section' data-testid={`section-${step.id}`}>
          <Text className='rc-section__title ui-h3 ui-mb-xs'>{step.title}</Text>
          {fields.map((f) => (
            <View key={f.id} className='rc-field' data-field={f.id}>
              <Text className='rc-field__label ui-label ui-mb-xs'>{f.label}</Text>
              <Value demandId={demandId} def={def} field={f} value={answers[f.id]} />
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
