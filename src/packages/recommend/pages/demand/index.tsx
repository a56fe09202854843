import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { DemandScreen, useDesktopTextSize } from '../../../../features/recommend'
import { CarePage } from '../../../../components/care-page'

export default function RecommendDemandPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  return (
    <CarePage>
      <DemandScreen id={params.id ?? ''} refreshKey={shown} />
    </CarePage>
  )
}
