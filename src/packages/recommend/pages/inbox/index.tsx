import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { InboxScreen, useDesktopTextSize } from '../../../../features/recommend'

export default function InboxPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  const [pulled, setPulled] = useState(0)
  const [bottom, setBottom] = useState(0)
  usePullDownRefresh(() => setPulled((k) => k + 1))
  useReachBottom(() => setBottom((k) => k + 1))
  return (
    <InboxScreen
      campaignId={params.campaign ?? ''}
      unit={params.unit || undefined}
      refreshKey={shown + pulled}
      reachBottomKey={bottom}
      onRefreshed={() => Taro.stopPullDownRefresh()}
    />
  )
}
