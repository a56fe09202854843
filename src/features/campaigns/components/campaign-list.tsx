import { View } from '@tarojs/components'
import type { CampaignStatus, CampaignSummary } from '../../../../types/domain'
import { CampaignListItem } from './campaign-list-item'
import './campaigns.scss'

const ORDER: Record<CampaignStatus, number> = { open: 0, upcoming: 1, closed: 2 }

/** Open campaigns first (nearest deadline first), then upcoming, then closed (latest first). */
export function sortCampaigns(campaigns: CampaignSummary[]): CampaignSummary[] {
  return [...campaigns].sort((a, b) => {
    if (ORDER[a.status] !== ORDER[b.status]) return ORDER[a.status] - ORDER[b.status]
    const da = Date.parse(a.enterpriseDeadlineAt)
    const db = Date.parse(b.enterpriseDeadlineAt)
    return a.status === 'closed' ? db - da : da - db
  })
}

export function CampaignList({ campaigns, onOpen }: { campaigns: CampaignSummary[]; onOpen: (id: string) => void }) {
  return (
    <View className='campaign-list' role='list'>
      {sortCampaigns(campaigns).map((c) => (
        <CampaignListItem key={c.id} campaign={c} onOpen={onOpen} />
      ))}
    </View>
  )
}
