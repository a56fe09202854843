import { useReachBottom, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { InboxScreen, useDesktopTextSize } from '../../../../features/recommend'
import { CarePage } from '../../../../components/care-page'

export default function InboxPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  const [bottom, setBottom] = useState(0)
  useReachBottom(() => setBottom((k) => k + 1))
  return (
    <CarePage>
      <InboxScreen
        campaignId={params.campaign ?? ''}
        unit={params.unit || undefined}
        refreshKey={shown + pulledKey}
        reachBottomKey={bottom}
        onRefreshed={done}
      />
    </CarePage>
  )
}
