import { VersionsScreen } from '../../../../features/wizard'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params, shownKey }) => <VersionsScreen id={params.id} shownKey={shownKey} />)
