import { InboxScreen, useDesktopTextSize } from '../../../../features/recommend'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(
  (page) => (
    <InboxScreen
      campaignId={page.params.campaign ?? ''}
      unit={page.params.unit || undefined}
      refreshKey={page.shownKey + page.pulledKey}
      reachBottomKey={page.reachBottomKey}
      onRefreshed={page.onRefreshed}
    />
  ),
  useDesktopTextSize
)
