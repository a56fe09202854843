import { useShowAgainKey } from '../../../../components/use-show-again'
import { DemandListScreen } from '../../../../features/demands'

export default function DemandListPage() {
  const refreshKey = useShowAgainKey()
  return <DemandListScreen refreshKey={refreshKey} />
}
