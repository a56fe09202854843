import { AccountDataScreen } from '../../../../features/account'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(() => <AccountDataScreen />)
