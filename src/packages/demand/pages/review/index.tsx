import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { ReviewScreen } from '../../../../features/wizard'

export default function ReviewPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  return <ReviewScreen id={params.id} shownKey={shownKey} />
}
