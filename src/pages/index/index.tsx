import { usePullDown } from '../../components/use-pull-down'
import { CampaignListScreen } from '../../features/campaigns'
import { useUnreadBadge } from '../../features/messages'

export default function IndexPage() {
  useUnreadBadge()
  const { pulledKey, done } = usePullDown()
  return <CampaignListScreen refreshKey={pulledKey} onRefreshed={done} />
}
