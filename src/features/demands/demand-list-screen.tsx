import { Text, View } from '@tarojs/components'
import { AsyncView, StateView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { useRefreshOnKey } from '../../components/use-refresh-key'
import { openPage, ROUTES } from '../../services/navigation'
import { SignInRequired, useRedirectToLoginOnce } from '../auth'
import { getMyDemands } from './api'
import './demands.scss'

/** 我的需求: every demand of the signed-in enterprise. */
export function DemandListScreen({ refreshKey }: { refreshKey?: number }) {
  const state = useAsync(getMyDemands, [])
  useRedirectToLoginOnce(state.error)
  useRefreshOnKey(refreshKey, () => (state.status === 'success' ? state.refresh() : state.reload()))
  return (
    <View className='page demand-list-screen'>
      <AsyncView
        state={state}
        isEmpty={(list) => list.length === 0}
        empty={{
          title: '暂无需求',
          description: '选择一项征集活动，即可开始填报',
          actionText: '浏览征集活动',
          onAction: () => void openPage(ROUTES.home)
        }}
        renderError={(error, retry) =>
          error.isUnauthenticated ? (
            <SignInRequired description='登录后可查看本单位填报的需求' />
          ) : (
            <StateView kind='error' title='加载失败' description={error.message} actionText='重试' onAction={retry} />
          )
        }
      >
        {(list) => (
          <View role='list'>
            {list.map((d) => (
              <View key={d.id} className='card demand-item' role='listitem'>
                <Text className='demand-item__title'>{d.title || '未命名需求'}</Text>
                {d.campaignTitle ? <Text className='demand-item__campaign'>{d.campaignTitle}</Text> : null}
              </View>
            ))}
          </View>
        )}
      </AsyncView>
    </View>
  )
}
