import { useRouter } from '@tarojs/taro'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { OverviewScreen, useDesktopTextSize } from '../../../../features/recommend'

export default function OverviewPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  const shown = useShowAgainKey()
  return <OverviewScreen campaignId={params.campaign ?? ''} refreshKey={shown} />
}
