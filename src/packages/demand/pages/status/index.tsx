import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { StatusScreen } from '../../../../features/status'

export default function StatusPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  const [pulledKey, setPulledKey] = useState(0)
  usePullDownRefresh(() => setPulledKey((k) => k + 1))
  return (
    <StatusScreen
      id={params.id}
      refreshKey={shownKey + pulledKey}
      onRefreshed={() => void Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined)}
    />
  )
}
