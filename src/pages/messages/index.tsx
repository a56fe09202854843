import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { useShowAgainKey } from '../../components/use-show-again'
import { MessageCenterScreen, useUnreadBadge } from '../../features/messages'

export default function MessagesPage() {
  useUnreadBadge()
  const shownKey = useShowAgainKey()
  const [pulledKey, setPulledKey] = useState(0)
  const [bottomKey, setBottomKey] = useState(0)
  usePullDownRefresh(() => setPulledKey((k) => k + 1))
  useReachBottom(() => setBottomKey((k) => k + 1))
  return (
    <MessageCenterScreen
      refreshKey={shownKey + pulledKey}
      reachBottomKey={bottomKey}
      onRefreshed={() => void Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined)}
    />
  )
}
