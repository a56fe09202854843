import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { DemandListScreen } from '../../../../features/demands'
import { CarePage } from '../../../../components/care-page'

export default function DemandListPage() {
  const shownKey = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return (
    <CarePage>
      <DemandListScreen refreshKey={shownKey + pulledKey} onRefreshed={done} />
    </CarePage>
  )
}
