import { useRouter } from '@tarojs/taro'
import { CampaignDetailScreen } from '../../features/campaigns'
import { CarePage } from '../../components/care-page'

export default function CampaignPage() {
  const { params } = useRouter()
  return (
    <CarePage>
      <CampaignDetailScreen id={params.id} />
    </CarePage>
  )
}
