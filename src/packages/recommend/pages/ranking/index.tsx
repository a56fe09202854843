import { RankingScreen, useDesktopTextSize } from '../../../../features/recommend'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(
  ({ params, shownKey }) => <RankingScreen campaignId={params.campaign ?? ''} unit={params.unit || undefined} refreshKey={shownKey} />,
  useDesktopTextSize
)
