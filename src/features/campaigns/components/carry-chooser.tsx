import { ScrollView, Text, View } from '@tarojs/components'
import { formatDate } from '../../../../types/time'
import { StatusTag } from '../../../components/status-tag'
import type { DemandListItem } from '../../demands/api'
import './carry-chooser.scss'

export interface CarryChooserProps {
  demands: DemandListItem[]
  onChoose: (demand: DemandListItem) => void
  onClose: () => void
}

/**
 * 从已有需求复制: the enterprise's earlier demands (any campaign), one to start the new demand
 * from. A sheet of our own rather than NutUI's Popup: the campaign page is in the main package,
 * whose size has a budget (test/support/package-size.ts).
 */
export function CarryChooser({ demands, onChoose, onClose }: CarryChooserProps) {
  return (
    <View className='carry-chooser' data-testid='carry-chooser'>
      <View className='carry-chooser__mask' onClick={onClose} />
      <View className='carry-chooser__panel' role='dialog' aria-modal='true' aria-labelledby='carry-chooser-title'>
        <Text className='ui-h3 ui-center' id='carry-chooser-title'>
          从已有需求复制
        </Text>
        <Text className='ui-note'>选择本单位填过的一项需求：含义相同的栏目会带入新需求，其余栏目留待填写。附件不复制。</Text>
        <ScrollView scrollY className='carry-chooser__list'>
          <View role='list'>
            {demands.map((d) => (
              <View key={d.id} className='carry-chooser__row' role='listitem'>
                <View className='carry-chooser__item ui-col ui-gap-xs ui-py-lg' role='button' data-demand-id={d.id} onClick={() => onChoose(d)}>
                  <View className='ui-row ui-start ui-between ui-gap-md'>
                    <Text className='ui-strong ui-grow ui-clamp'>{d.title || '未命名需求'}</Text>
                    <StatusTag status={d.status} size='small' />
                  </View>
                  <Text className='ui-meta'>{d.campaignTitle}</Text>
                  <Text className='ui-meta'>更新于 {formatDate(d.updatedAt)}</Text>
                </View>
              </View>
            ))}
          </View>
        </ScrollView>
        <View className='ui-label ui-target-line ui-center ui-line-top carry-chooser__cancel' role='button' onClick={onClose}>
          取消
        </View>
      </View>
    </View>
  )
}
