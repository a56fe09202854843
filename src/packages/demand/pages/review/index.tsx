import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { ReviewScreen } from '../../../../features/wizard'
import { CarePage } from '../../../../components/care-page'

export default function ReviewPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  return (
    <CarePage>
      <ReviewScreen id={params.id} shownKey={shownKey} />
    </CarePage>
  )
}
