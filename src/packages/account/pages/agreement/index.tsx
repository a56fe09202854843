import { useRouter } from '@tarojs/taro'
import { AgreementScreen } from '../../../../features/account'

export default function AgreementPage() {
  const { params } = useRouter()
  return <AgreementScreen id={params.id} />
}
