import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioListScreen } from '../../../../features/studio'
import { screenPage } from '../../../../components/screen-page'

export default screenPage((page) => <StudioListScreen refreshKey={page.shownKey + page.pulledKey} onRefreshed={page.onRefreshed} />, useDesktopTextSize)
