import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { DemandListScreen } from '../../../../features/demands'

export default function DemandListPage() {
  const shownKey = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return <DemandListScreen refreshKey={shownKey + pulledKey} onRefreshed={done} />
}
