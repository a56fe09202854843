import { AccountDataScreen } from '../../../../features/account'
import { CarePage } from '../../../../components/care-page'

export default function AccountDataPage() {
  return (
    <CarePage>
      <AccountDataScreen />
    </CarePage>
  )
}
