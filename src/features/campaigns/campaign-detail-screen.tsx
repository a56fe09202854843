import { View } from '@tarojs/components'
import { useState } from 'react'
import { AsyncView } from '../../components/state-view'
import { loadById, useAsync } from '../../components/use-async'
import { openPage, ROUTES } from '../../services/navigation'
import { takeEmbeddedCampaign } from './api/embedded-campaigns'
import { getCampaignWithClock } from './api/get-campaign'
import { CampaignDetailView } from './components'
import { StartDemandBar } from './components/start-demand'
import { useFirstPaintHandover } from './first-paint'
import { useCampaignShare } from './use-campaign-share'

export function CampaignDetailScreen({ id }: { id: string | undefined }) {
  // H5: the campaign the server embedded with its snapshot of this page paints at once, without asking again
  const [embedded] = useState(() => takeEmbeddedCampaign(id))
  const state = useAsync(() => loadById(id, '征集活动', getCampaignWithClock), [id], embedded ?? undefined)
  useCampaignShare(state.data)
  // H5: the server's snapshot of this page (its path opened from a card of the list's snapshot)
  useFirstPaintHandover(state.status !== 'loading')
  return (
    <View className='page'>
      <AsyncView
        state={state}
        rows={4}
        states={{ notFound: { title: '未找到该征集活动', actionText: '查看全部征集', onAction: () => void openPage(ROUTES.home) } }}
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
