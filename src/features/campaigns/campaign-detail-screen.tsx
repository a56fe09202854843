import { View } from '@tarojs/components'
import { AsyncView, StateView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { ApiError } from '../../services/http'
import { openPage, ROUTES } from '../../services/navigation'
import { getCampaignWithClock } from './api/get-campaign'
import { CampaignDetailView } from './components'
import { StartDemandBar } from './components/start-demand'

export function CampaignDetailScreen({ id }: { id: string | undefined }) {
  const state = useAsync(
    () => (id ? getCampaignWithClock(id) : Promise.reject(new ApiError(404, { code: 'NOT_FOUND', message: '链接中缺少征集活动编号' }))),
    [id]
  )
  return (
    <View className='page'>
      <AsyncView
        state={state}
        rows={4}
        renderError={(error, retry) =>
          error.code === 'NOT_FOUND' ? (
            <StateView
              kind='empty'
              title='未找到该征集活动'
              description={error.message || '活动可能已下线，请返回列表查看其他征集'}
              actionText='查看全部征集'
              onAction={() => void openPage(ROUTES.home)}
            />
          ) : (
            <StateView kind='error' title='加载失败' description={error.message} actionText='重试' onAction={retry} />
          )
        }
      >
        {(campaign) => (
          <>
            <CampaignDetailView campaign={campaign} />
            <StartDemandBar campaign={campaign} />
          </>
        )}
      </AsyncView>
    </View>
  )
}
