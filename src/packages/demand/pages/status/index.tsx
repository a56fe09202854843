import { useRouter } from '@tarojs/taro'
import { usePullDown } from '../../../../components/use-pull-down'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { StatusScreen } from '../../../../features/status'
import { CarePage } from '../../../../components/care-page'

export default function StatusPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  const { pulledKey, done } = usePullDown()
  return (
    <CarePage>
      <StatusScreen id={params.id} refreshKey={shownKey + pulledKey} onRefreshed={done} />
    </CarePage>
  )
}
