import { ReviewScreen } from '../../../../features/wizard'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params, shownKey }) => <ReviewScreen id={params.id} shownKey={shownKey} />)
