import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { RankingScreen, useDesktopTextSize } from '../../../../features/recommend'

export default function RankingPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  return <RankingScreen campaignId={params.campaign ?? ''} unit={params.unit || undefined} refreshKey={shown} />
}
