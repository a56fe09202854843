import { DemandListScreen } from '../../../../features/demands'
import { screenPage } from '../../../../components/screen-page'

export default screenPage((page) => <DemandListScreen refreshKey={page.shownKey + page.pulledKey} onRefreshed={page.onRefreshed} />)
