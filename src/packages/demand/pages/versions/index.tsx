import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { VersionsScreen } from '../../../../features/wizard'

export default function VersionsPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  return <VersionsScreen id={params.id} shownKey={shownKey} />
}
