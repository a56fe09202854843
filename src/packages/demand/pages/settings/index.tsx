import { NotificationSettingsScreen } from '../../../../features/messages/settings'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ shownKey }) => <NotificationSettingsScreen refreshKey={shownKey} />)
