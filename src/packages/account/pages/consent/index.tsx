import { ConsentScreen } from '../../../../features/account'
import { CarePage } from '../../../../components/care-page'

export default function ConsentPage() {
  return (
    <CarePage>
      <ConsentScreen />
    </CarePage>
  )
}
