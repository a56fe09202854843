import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { WorkbenchScreen, useDesktopTextSize } from '../../../../features/recommend'

export default function WorkbenchPage() {
  useDesktopTextSize()
  const shown = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return <WorkbenchScreen refreshKey={shown + pulledKey} onRefreshed={done} />
}
