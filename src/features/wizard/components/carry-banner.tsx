import { Close } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { CampaignDefinition } from '../../../../types/campaign'
import { fieldsToFill, type CarryOverReport } from '../../../../types/carry-over'
import type { UnitType } from '../../../../types/domain'
import type { Answers } from '../../../../types/engine'
import { carryOverOf, forgetCarryOver } from '../../demands/api'
import { WIZARD_GOTO_EVENT, type WizardGoto } from '../navigation'
import './carry-banner.scss'

export interface CarryBannerProps {
  demandId: string
  def: CampaignDefinition
  answers: Answers
  unitType: UnitType | '' | undefined
}

/** Labels in a sentence: the first `max`, then “等 N 项”. */
function labels(items: Array<{ label: string }>, max = 4): string {
  const shown = items.slice(0, max).map((i) => i.label).join('、')
  return items.length > max ? `${shown} 等 ${items.length} 项` : shown
}

/**
 * The banner of a demand copied from an earlier one (startDemand kept the server's report):
 * what was carried, what did not fit, and the required fields still empty — counted again from the
 * answers as the person fills them, each a link to its step. Gone for good once dismissed.
 */
export function CarryBanner({ demandId, def, answers, unitType }: CarryBannerProps) {
  const [report, setReport] = useState<CarryOverReport | undefined>(() => carryOverOf(demandId))
  const toFill = useMemo(() => (report ? fieldsToFill(def, answers, unitType) : []), [report, def, answers, unitType])
  if (!report) return null
  const dismiss = () => {
    forgetCarryOver(demandId)
    setReport(undefined)
  }
  const go = (step: string, field: string) => Taro.eventCenter.trigger(WIZARD_GOTO_EVENT, { id: demandId, step, field } satisfies WizardGoto)
  return (
    <View className='wz-banner ui-tint-primary carry-banner' role='region' aria-label='复制结果' data-testid='carry-banner'>
      <View className='ui-row ui-between ui-gap-md'>
        <Text className='wz-banner__title'>已带入 {report.carried.length} 项</Text>
        <View className='carry-banner__close' role='button' aria-label='关闭复制结果提示' onClick={dismiss}>
          <Close size={14} />
        </View>
      </View>
      {report.carried.length ? <Text className='ui-para-sm'>{labels(report.carried)}，请逐项核对是否仍然适用。</Text> : null}
      {report.skipped.length ? (
        <Text className='ui-note'>未能带入：{labels(report.skipped)}（与本次征集的要求不符）</Text>
      ) : null}
      {toFill.length ? (
        <View className='carry-banner__fill'>
          <Text className='ui-strong'>待填写（{toFill.length} 项）：</Text>
          <View className='carry-banner__links ui-flex ui-wrap' role='list'>
            {toFill.map((f) => (
              <View key={f.field} role='listitem'>
                <View className='wz-link carry-banner__link' role='link' onClick={() => go(f.step, f.field)}>
                  {f.label} ›
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : (
        <Text className='ui-para-sm'>必填项已全部填写。</Text>
      )}
    </View>
  )
}
