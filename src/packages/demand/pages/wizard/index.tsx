import { WizardScreen } from '../../../../features/wizard'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params, shownKey, hiddenKey }) => (
  <WizardScreen id={params.id} step={params.step} field={params.field} shownKey={shownKey} hiddenKey={hiddenKey} />
))
