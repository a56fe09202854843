import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { RankingScreen, useDesktopTextSize } from '../../../../features/recommend'
import { CarePage } from '../../../../components/care-page'

export default function RankingPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  return (
    <CarePage>
      <RankingScreen campaignId={params.campaign ?? ''} unit={params.unit || undefined} refreshKey={shown} />
    </CarePage>
  )
}
