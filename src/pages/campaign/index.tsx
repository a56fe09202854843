import { useRouter } from '@tarojs/taro'
import { CampaignDetailScreen } from '../../features/campaigns'

export default function CampaignPage() {
  const { params } = useRouter()
  return <CampaignDetailScreen id={params.id} />
}
