import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioListScreen } from '../../../../features/studio'

export default function StudioListPage() {
  useDesktopTextSize()
  const shown = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return <StudioListScreen refreshKey={shown + pulledKey} onRefreshed={done} />
}
