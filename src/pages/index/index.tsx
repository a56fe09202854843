import { usePullDown } from '../../components/use-pull-down'
import { CampaignListScreen } from '../../features/campaigns'
import { useUnreadBadge } from '../../features/messages'
import { CarePage } from '../../components/care-page'

export default function IndexPage() {
  useUnreadBadge()
  const { pulledKey, done } = usePullDown()
  return (
    <CarePage>
      <CampaignListScreen refreshKey={pulledKey} onRefreshed={done} />
    </CarePage>
  )
}
