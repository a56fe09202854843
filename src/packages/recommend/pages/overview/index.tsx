import { OverviewScreen, useDesktopTextSize } from '../../../../features/recommend'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params, shownKey }) => <OverviewScreen campaignId={params.campaign ?? ''} refreshKey={shownKey} />, useDesktopTextSize)
