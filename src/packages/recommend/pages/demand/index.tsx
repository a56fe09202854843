import { DemandScreen, useDesktopTextSize } from '../../../../features/recommend'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params, shownKey }) => <DemandScreen id={params.id ?? ''} refreshKey={shownKey} />, useDesktopTextSize)
