import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioListScreen } from '../../../../features/studio'
import { CarePage } from '../../../../components/care-page'

export default function StudioListPage() {
  useDesktopTextSize()
  const shown = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return (
    <CarePage>
      <StudioListScreen refreshKey={shown + pulledKey} onRefreshed={done} />
    </CarePage>
  )
}
