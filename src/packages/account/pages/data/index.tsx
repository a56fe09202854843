import { AccountDataScreen } from '../../../../features/account'

export default function AccountDataPage() {
  return <AccountDataScreen />
}
