import { useUnreadBadge } from '../../features/messages'
import { ProfileScreen } from '../../features/profile'
import { screenPage } from '../../components/screen-page'

// Coming back (e.g. from the sign-in page) loads again what could not be shown before.
export default screenPage(({ shownKey }) => <ProfileScreen refreshKey={shownKey} />, useUnreadBadge)
