import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { DemandScreen, useDesktopTextSize } from '../../../../features/recommend'

export default function RecommendDemandPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  return <DemandScreen id={params.id ?? ''} refreshKey={shown} />
}
