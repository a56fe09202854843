import { CampaignListScreen } from '../../features/campaigns'
import { useUnreadBadge } from '../../features/messages'
import { screenPage } from '../../components/screen-page'

export default screenPage((page) => <CampaignListScreen refreshKey={page.pulledKey} onRefreshed={page.onRefreshed} />, useUnreadBadge)
