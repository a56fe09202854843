import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { WorkbenchScreen, useDesktopTextSize } from '../../../../features/recommend'

export default function WorkbenchPage() {
  useDesktopTextSize()
  const shown = useShowAgainKey()
  const [pulled, setPulled] = useState(0)
  usePullDownRefresh(() => setPulled((k) => k + 1))
  return <WorkbenchScreen refreshKey={shown + pulled} onRefreshed={() => Taro.stopPullDownRefresh()} />
}
