import { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { usePullDown } from '../../components/use-pull-down'
import { useShowAgainKey } from '../../components/use-show-again'
import { MessageCenterScreen, useUnreadBadge } from '../../features/messages'
import { CarePage } from '../../components/care-page'

export default function MessagesPage() {
  useUnreadBadge()
  const shownKey = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  const [bottomKey, setBottomKey] = useState(0)
  useReachBottom(() => setBottomKey((k) => k + 1))
  return (
    <CarePage>
      <MessageCenterScreen refreshKey={shownKey + pulledKey} reachBottomKey={bottomKey} onRefreshed={done} />
    </CarePage>
  )
}
