import { Picker, Text, View } from '@tarojs/components'
import { Component, useMemo, useState, type ReactNode } from 'react'
import type { UnitTypeId } from '../../../../types/campaign'
import { unitTypeLabel, unitTypesOf } from '../../../../types/labels'
import { WizardPreview } from '../../wizard/preview'
import { previewDefinition } from '../definition'

/** Whatever the working copy holds, a fault while rendering it stays inside the preview. */
class PreviewBoundary extends Component<{ resetKey: unknown; children: ReactNode }, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  componentDidUpdate(prev: { resetKey: unknown }) {
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false })
  }

  render() {
    if (this.state.failed) {
      return <Text className='ui-help ui-warn ui-mt-2xs ui-mb-sm'>按当前的活动定义无法显示预览，请先改正“步骤与字段”中的问题。</Text>
    }
    return this.props.children
  }
}

export interface PreviewPaneProps {
  def: unknown
  /** The working copy passes the validator: shown exactly as it is. */
  valid: boolean
}

/** 预览: the enterprise's wizard in a phone-sized frame, on answers kept here only. */
export function PreviewPane({ def, valid }: PreviewPaneProps) {
  const preview = useMemo(() => previewDefinition(def, valid), [def, valid])
  const [chosen, setChosen] = useState<UnitTypeId | ''>('')
  const [round, setRound] = useState(0)
  // The global unit types and the campaign's own; the first eligible one until another is chosen.
  const options = unitTypesOf(preview).map((t) => ({ value: t.id, label: t.label }))
  const known = (t: string) => options.some((o) => o.value === t)
  const unitType: UnitTypeId | '' = (chosen && known(chosen) ? chosen : '') || (preview?.eligibleUnitTypes ?? []).find(known) || ''
  const index = Math.max(0, options.findIndex((o) => o.value === unitType))

  return (
    <View className='st-preview' data-testid='studio-preview'>
      <View className='ui-row ui-between ui-gap-md ui-mb-sm'>
        <Picker className='ui-grow' mode='selector' range={options.map((o) => o.label)} value={index} onChange={(e) => setChosen(options[Number(e.detail.value)].value)}>
          <View className='st-select st-select--small' role='button' aria-haspopup='listbox'>
            <Text className='sr-only'>以此单位类型预览：</Text>
            <Text className='st-select__text ui-grow ui-break'>{unitType ? unitTypeLabel(preview, unitType) : '选择单位类型'}</Text>
            <Text className='st-select__arrow' aria-hidden='true'>
              ›
            </Text>
          </View>
        </Picker>
        <View className='st-link' role='button' onClick={() => setRound((r) => r + 1)}>
          清空重填
        </View>
      </View>
      {!valid ? <Text className='ui-help ui-warn ui-mt-2xs ui-mb-sm'>活动定义还有问题：预览只显示能识别的部分，发布前请改正。</Text> : null}
      <View className='st-phone' aria-label='企业填报页面预览' role='region'>
        <View className='st-phone__screen'>
          {preview && preview.steps.length ? (
            <PreviewBoundary resetKey={preview}>
              <WizardPreview key={round} def={preview} unitType={unitType} />
            </PreviewBoundary>
          ) : (
            <Text className='ui-help ui-center ui-mt-2xs ui-mb-sm st-phone__empty'>还没有可预览的步骤和字段。</Text>
          )}
        </View>
      </View>
    </View>
  )
}
