import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { VersionsScreen } from '../../../../features/wizard'
import { CarePage } from '../../../../components/care-page'

export default function VersionsPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  return (
    <CarePage>
      <VersionsScreen id={params.id} shownKey={shownKey} />
    </CarePage>
  )
}
