import { Text, View } from '@tarojs/components'
import type { SimilarDemand } from '../../../../types/recommend'
import type { AsyncResult } from '../../../components/use-async'
import { percent } from '../format'
import { StatusTag } from '../../../components/status-tag'

export interface SimilarListProps {
  state: AsyncResult<SimilarDemand[]>
  onOpen: (id: string) => void
}

/** The most similar other demands of the campaign (name and content), so duplicates are seen before recommending. */
export function SimilarList({ state, onOpen }: SimilarListProps) {
  return (
    <View className='card rc-section' data-testid='similar'>
      <Text className='rc-section__title ui-h3 ui-mb-xs'>相似需求</Text>
      {state.status === 'loading' ? <Text className='ui-label'>正在查找相似需求…</Text> : null}
      {state.status === 'error' ? (
        <View className='ui-error-md ui-flex ui-between ui-gap-md' role='alert'>
          <Text>相似需求加载失败：{state.error.message}</Text>
          <View className='ui-link-lg' role='button' onClick={state.reload}>
            重试
          </View>
        </View>
      ) : null}
      {state.status === 'success' && state.data.length === 0 ? (
        <Text className='ui-label'>本次征集中暂未发现名称或内容相近的其他需求</Text>
      ) : null}
      {state.status === 'success' && state.data.length > 0 ? (
        <View role='list'>
          {state.data.map((s) => (
            <View key={s.id} role='listitem'>
              <View className='rc-similar' role='link' data-testid='similar-item' onClick={() => onOpen(s.id)}>
                <View className='rc-similar__score ui-keep ui-center'>
                  <Text className='rc-similar__pct'>{percent(s.score)}</Text>
                  <Text className='rc-similar__cap'>相似度</Text>
                </View>
                <View className='ui-grow'>
                  <Text className='ui-strong'>{s.title || '未命名需求'}</Text>
                  <Text className='ui-meta'>
                    {s.enterpriseName} · {s.unit.name}
                  </Text>
                </View>
                <StatusTag status={s.status} />
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
