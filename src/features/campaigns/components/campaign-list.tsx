import { View } from '@tarojs/components'
import type { CampaignStatus, CampaignSummary } from '../../../../types/domain'
import { useRevealed } from '../../../components/when-idle'
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

/** Cards a phone's first screen shows (about four under the heading). */
const FIRST_SCREEN_CARDS = 4

export function CampaignList({ campaigns, onOpen }: { campaigns: CampaignSummary[]; onOpen: (id: string) => void }) {
  // the first screen's cards at once, the rest once the page is idle
  const shown = useRevealed(campaigns.length, FIRST_SCREEN_CARDS)
  return (
    <View className='campaign-list' role='list'>
      {sortCampaigns(campaigns).slice(0, shown).map((c) => (
        <CampaignListItem key={c.id} campaign={c} onOpen={onOpen} />
      ))}
    </View>
  )
}
