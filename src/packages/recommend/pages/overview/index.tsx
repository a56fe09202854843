import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { OverviewScreen, useDesktopTextSize } from '../../../../features/recommend'
import { CarePage } from '../../../../components/care-page'

export default function OverviewPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  return (
    <CarePage>
      <OverviewScreen campaignId={params.campaign ?? ''} refreshKey={shown} />
    </CarePage>
  )
}
