import { AgreementScreen } from '../../../../features/account'
import { screenPage } from '../../../../components/screen-page'

export default screenPage(({ params }) => <AgreementScreen id={params.id} />)
