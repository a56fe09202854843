import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '../../../../types/recommend'
import { formatInstant } from '../../../../types/time'

/** Every status change, newest first: when, who (unit), what, and the reason given. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return null
  const newestFirst = [...entries].reverse()
  return (
    <View className='card rc-section' data-testid='timeline'>
      <Text className='rc-section__title ui-h3 ui-mb-xs'>办理记录</Text>
      <View className='rc-timeline ui-pt-xs' role='list'>
        {newestFirst.map((e, i) => (
          <View key={`${e.at}-${i}`} className={`rc-timeline__item${i === 0 ? ' is-latest' : ''}`} role='listitem'>
            <View className='rc-timeline__dot' aria-hidden='true' />
            <View className='ui-grow'>
              <Text className='ui-strong'>{e.summary}</Text>
              <Text className='ui-meta'>
                {formatInstant(e.at)} · {e.actorUnit || e.actorRoleLabel}
              </Text>
              {e.reason ? <Text className='rc-timeline__reason'>{e.reason}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
