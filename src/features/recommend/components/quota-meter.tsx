import { Text, View } from '@tarojs/components'
import type { QuotaMeter as Meter } from '../../../../types/recommend'

export interface QuotaMeterProps {
  meter: Meter
  /** One line, for the detail page and the list header on a phone. */
  compact?: boolean
  /** The unit's name, when the meter is one of several (the bureau's view). */
  unitName?: string
  /** After the recommender deadline: no more “还可推荐”. */
  closed?: boolean
}

/**
 * 已推荐 N / 名额 M with a bar. It shows only what the server last said: screens load it
 * again after every action, and a refusal over the quota comes from the server.
 */
export function QuotaMeter({ meter, compact, unitName, closed }: QuotaMeterProps) {
  const { quota, used, left } = meter
  const full = quota !== null && used >= quota
  const ratio = quota ? Math.min(1, used / quota) : 0
  const text = quota === null ? `已推荐 ${used}（本活动未设名额）` : `已推荐 ${used} / 名额 ${quota}`
  const rest = closed ? '推荐已截止' : quota === null ? '' : full ? '名额已用完' : `还可推荐 ${left} 项`
  return (
    <View
      className={`rc-quota${compact ? ' rc-quota--compact' : ''}${full ? ' is-full' : ''}`}
      role='meter'
      aria-valuemin={0}
      aria-valuemax={quota ?? undefined}
      aria-valuenow={used}
      aria-label={`${unitName ? `${unitName}：` : ''}${text}${rest ? `，${rest}` : ''}`}
      data-testid='quota-meter'
      data-used={used}
      data-quota={quota ?? ''}
    >
      <View className='rc-quota__line'>
        <Text className='rc-quota__text' data-testid='quota-text'>
          {unitName ? <Text className='rc-quota__unit'>{unitName} </Text> : null}
          {text}
        </Text>
        {rest ? <Text className='rc-quota__rest'>{rest}</Text> : null}
      </View>
      {quota !== null ? (
        <View className='rc-quota__bar' aria-hidden='true'>
          <View className='rc-quota__fill' style={{ width: `${ratio * 100}%` }} />
        </View>
      ) : null}
    </View>
  )
}
