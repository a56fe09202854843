import { Text, View } from '@tarojs/components'
import type { InboxItem } from '../../../../types/recommend'
import { formatShortTime } from '../../../../types/time'
import { QualityBadge } from '../../../components/quality-hints'
import { StatusTag } from '../../../components/status-tag'

export interface InboxRowProps {
  item: InboxItem
  selected?: boolean
  /** The bureau sees every unit: name the unit on each row. */
  showUnit?: boolean
  now: number
  onOpen: (id: string) => void
}

/** One demand in the inbox: enterprise, name, field, quality score, status and when it was submitted. */
export function InboxRow({ item, selected, showUnit, now, onOpen }: InboxRowProps) {
  const domain = item.domain ? `${item.domain.label}${item.domain.direction ? ` / ${item.domain.direction}` : ''}` : '未选领域'
  return (
    <View
      className={`rc-row${selected ? ' is-selected' : ''}`}
      role='link'
      aria-current={selected ? 'true' : undefined}
      data-testid='inbox-row'
      data-demand-id={item.id}
      onClick={() => onOpen(item.id)}
    >
      <View className='ui-row ui-start ui-between ui-gap-md'>
        <Text className='rc-row__enterprise ui-label ui-grow ui-ellipsis'>{item.enterpriseName || '（未填单位名称）'}</Text>
        <View className='ui-row ui-gap-xs ui-keep'>
          <QualityBadge score={item.score} />
          <StatusTag status={item.status} rank={item.rank} />
        </View>
      </View>
      <Text className='rc-row__title ui-h3 ui-clamp ui-mt-xs ui-mb-xs'>{item.title || '未命名需求'}</Text>
      <View className='ui-meta ui-flex ui-between ui-gap-md'>
        <Text className='rc-row__domain ui-grow ui-ellipsis'>{domain}</Text>
        <Text className='rc-row__time ui-keep'>
          {item.submittedVersion > 1 ? `第${item.submittedVersion}版 · ` : ''}
          {formatShortTime(item.submittedAt, now)}提交
        </Text>
      </View>
      {showUnit ? <Text className='ui-meta ui-mt-2xs'>推荐单位：{item.unit.name}</Text> : null}
    </View>
  )
}
