import { View } from '@tarojs/components'
import { startTransition, useEffect, useState } from 'react'
import type { CampaignStatus, CampaignSummary } from '../../../../types/domain'
import { whenIdle } from '../../../components/when-idle'
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

/**
 * How many cards to render: the first screen's at once, the rest once the page is idle, in a
 * transition (React renders them in slices). Opening the app, its start is then not one long
 * task for cards nobody sees yet, which the phone's first taps would wait behind.
 */
function useCardsShown(total: number): number {
  const [all, setAll] = useState(total <= FIRST_SCREEN_CARDS)
  useEffect(() => {
    if (all) return
    return whenIdle(() => startTransition(() => setAll(true)))
  }, [all])
  return all ? total : FIRST_SCREEN_CARDS
}

export function CampaignList({ campaigns, onOpen }: { campaigns: CampaignSummary[]; onOpen: (id: string) => void }) {
  const shown = useCardsShown(campaigns.length)
  return (
    <View className='campaign-list' role='list'>
      {sortCampaigns(campaigns).slice(0, shown).map((c) => (
        <CampaignListItem key={c.id} campaign={c} onOpen={onOpen} />
      ))}
    </View>
  )
}
