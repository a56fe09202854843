import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { WorkbenchScreen, useDesktopTextSize } from '../../../../features/recommend'
import { CarePage } from '../../../../components/care-page'

export default function WorkbenchPage() {
  useDesktopTextSize()
  const shown = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return (
    <CarePage>
      <WorkbenchScreen refreshKey={shown + pulledKey} onRefreshed={done} />
    </CarePage>
  )
}
