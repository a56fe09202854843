import { Text, View } from '@tarojs/components'
import type { QuotaMeter as Meter } from '../../../../types/recommend'
import { ProgressBar } from '../../../components/progress-bar'

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
 * The meter is ours (NutUI has no role="meter" with its value), its bar NutUI's Progress.
 * 已推荐 N / 名额 M with a bar, and beside it the unit type's sub-quotas (其中 … 已推荐 1 / 最多 1)
 * and the 重点推荐 marks when the campaign has them. It shows only what the server last said:
 * screens load it again after every action, and a refusal over a quota comes from the server.
 */
export function QuotaMeter({ meter, compact, unitName, closed }: QuotaMeterProps) {
  const { quota, used, left } = meter
  const full = quota !== null && used >= quota
  const ratio = quota ? Math.min(1, used / quota) : 0
  const text = quota === null ? `已推荐 ${used}（本活动未设名额）` : `已推荐 ${used} / 名额 ${quota}`
  const rest = closed ? '推荐已截止' : quota === null ? '' : full ? '名额已用完' : `还可推荐 ${left} 项`
  return (
    <>
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
        <View className='ui-row ui-baseline ui-between ui-wrap ui-gap-xs'>
          <Text className='rc-quota__text ui-h4 ui-nums' data-testid='quota-text'>
            {unitName ? <Text className='rc-quota__unit'>{unitName} </Text> : null}
            {text}
          </Text>
          {rest ? <Text className='rc-quota__rest ui-label'>{rest}</Text> : null}
        </View>
        {quota !== null ? <ProgressBar className='rc-quota__bar' percent={ratio * 100} tone={full ? 'warning' : 'primary'} aria-hidden /> : null}
      </View>
      {/* Outside the meter: a meter's children are not read out. */}
      {meter.sub?.length || meter.keyMarks ? (
        <View className='ui-mt-2xs ui-mb-xs' role='list' aria-label='分项名额'>
          {meter.sub?.map((q) => (
            <View
              key={q.id}
              className={`rc-quota__sub ui-help ui-flex ui-between ui-wrap ui-gap-xs ui-nums${q.used >= q.max ? ' is-full' : ''}`}
              role='listitem'
              data-testid='sub-quota'
              data-used={q.used}
              data-max={q.max}
            >
              <Text className='rc-quota__sub-label'>其中“{q.label}”</Text>
              <Text className='rc-quota__sub-count'>
                已推荐 {q.used} / 最多 {q.max}
                {q.used >= q.max ? '（已满）' : ''}
              </Text>
            </View>
          ))}
          {meter.keyMarks ? (
            <View className='rc-quota__sub ui-help ui-flex ui-between ui-wrap ui-gap-xs ui-nums' role='listitem' data-testid='key-mark-meter'>
              <Text className='rc-quota__sub-label'>{meter.keyMarks.label}</Text>
              <Text className='rc-quota__sub-count'>
                已标记 {meter.keyMarks.used}
                {meter.keyMarks.max !== null ? ` / 最多 ${meter.keyMarks.max}` : ''}
              </Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </>
  )
}

/**
 * The meter's place while its figures load (they come with the inbox's first page): the same line
 * and bar, so that nothing below it moves when they arrive.
 */
export function QuotaMeterPending() {
  return (
    <View className='rc-quota' aria-busy='true' data-testid='quota-meter-pending'>
      <Text className='rc-quota__text ui-h4 ui-nums'>已推荐 … / 名额 …</Text>
      <ProgressBar className='rc-quota__bar' percent={0} tone='primary' aria-hidden />
    </View>
  )
}
