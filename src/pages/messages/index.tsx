import { MessageCenterScreen, useUnreadBadge } from '../../features/messages'
import { screenPage } from '../../components/screen-page'

export default screenPage(
  (page) => <MessageCenterScreen refreshKey={page.shownKey + page.pulledKey} reachBottomKey={page.reachBottomKey} onRefreshed={page.onRefreshed} />,
  useUnreadBadge
)
