import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioEditScreen } from '../../../../features/studio'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params }) => <StudioEditScreen id={params.id ?? ''} />, useDesktopTextSize)
