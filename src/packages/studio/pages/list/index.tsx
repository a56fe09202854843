import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioListScreen } from '../../../../features/studio'

export default function StudioListPage() {
  useDesktopTextSize()
  const shown = useShowAgainKey()
  const [pulled, setPulled] = useState(0)
  usePullDownRefresh(() => setPulled((k) => k + 1))
  return <StudioListScreen refreshKey={shown + pulled} onRefreshed={() => Taro.stopPullDownRefresh()} />
}
