import { WorkbenchScreen, useDesktopTextSize } from '../../../../features/recommend'
import { screenPage } from '../../../../components/screen-page'

export default screenPage((page) => <WorkbenchScreen refreshKey={page.shownKey + page.pulledKey} onRefreshed={page.onRefreshed} />, useDesktopTextSize)
