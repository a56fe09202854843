import { StatusScreen } from '../../../../features/status'
import { screenPage } from '../../../../components/screen-page'

export default screenPage((page) => (
  <StatusScreen id={page.params.id} refreshKey={page.shownKey + page.pulledKey} onRefreshed={page.onRefreshed} />
))
