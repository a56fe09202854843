import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { CampaignListScreen } from '../../features/campaigns'
import { useUnreadBadge } from '../../features/messages'

export default function IndexPage() {
  useUnreadBadge()
  const [refreshKey, setRefreshKey] = useState(0)
  usePullDownRefresh(() => setRefreshKey((k) => k + 1))
  return <CampaignListScreen refreshKey={refreshKey} onRefreshed={() => Taro.stopPullDownRefresh()} />
}
