import { CampaignDetailScreen } from '../../features/campaigns'
import { screenPage } from '../../components/screen-page'

export default screenPage(({ params }) => <CampaignDetailScreen id={params.id} />)
