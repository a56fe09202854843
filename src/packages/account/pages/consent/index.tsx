import { ConsentScreen } from '../../../../features/account'

export default function ConsentPage() {
  return <ConsentScreen />
}
