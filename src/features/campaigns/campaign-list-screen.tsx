import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { CareSwitch } from '../../components/care-switch'
import { AsyncView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { useRefreshOnKey } from '../../components/use-refresh-key'
import { openPage, ROUTES } from '../../services/navigation'
import { takeEmbeddedCampaigns } from './api/embedded-campaigns'
import { getCampaignsWithClock } from './api/get-campaigns'
import { CampaignList } from './components'
import { useFirstPaintHandover } from './first-paint'
import './components/campaigns.scss'

export interface CampaignListScreenProps {
  /** Bumped by the page on pull-down to refresh in the background. */
  refreshKey?: number
  onRefreshed?: () => void
}

/** The home screen: every campaign, open ones first, each with its live countdown. */
export function CampaignListScreen({ refreshKey, onRefreshed }: CampaignListScreenProps) {
  // H5: the list the server embedded with its snapshot paints at once, without asking again
  const [embedded] = useState(takeEmbeddedCampaigns)
  const campaigns = useAsync(() => getCampaignsWithClock().finally(() => onRefreshed?.()), [], embedded ?? undefined)
  useRefreshOnKey(refreshKey, campaigns.refresh)
  useFirstPaintHandover(campaigns.status !== 'loading')
  return (
    <View className='page campaign-list-screen'>
      <View className='campaign-list-screen__intro'>
        <Text className='ui-h1'>征集活动</Text>
        {/* on the heading's line, out of the flow: the list does not move when it appears */}
        <View className='campaign-list-screen__care'>
          <CareSwitch variant='pill' />
        </View>
        <Text className='campaign-list-screen__sub ui-label ui-mt-2xs'>选择一项征集，查看通知要求并在线填报技术创新需求</Text>
      </View>
      <AsyncView
        state={campaigns}
        isEmpty={(list) => list.length === 0}
        empty={{ title: '暂无征集活动', description: '新的征集发布后会显示在这里' }}
        states={{ errorTitle: '征集活动加载失败', retryText: '重新加载' }}
      >
        {(list) => <CampaignList campaigns={list} onOpen={(id) => void openPage(ROUTES.campaign(id))} />}
      </AsyncView>
    </View>
  )
}
