import { useRouter } from '@tarojs/taro'
import { AgreementScreen } from '../../../../features/account'
import { CarePage } from '../../../../components/care-page'

export default function AgreementPage() {
  const { params } = useRouter()
  return (
    <CarePage>
      <AgreementScreen id={params.id} />
    </CarePage>
  )
}
