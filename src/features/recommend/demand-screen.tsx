import { openPage } from '../../services/navigation'
import { DemandReview } from './demand-review'
import { RECOMMEND_ROUTES } from './routes'
import { useWide } from './use-wide'
import './recommend.scss'

/** One demand on its own page (phones; and links from the ranking in a desktop browser). */
export function DemandScreen({ id, refreshKey }: { id: string; refreshKey?: number }) {
  const wide = useWide()
  return (
    <DemandReview
      id={id}
      wide={wide}
      refreshKey={refreshKey}
      onOpenDemand={(other) => void openPage(RECOMMEND_ROUTES.demand(other))}
      onOpenRanking={(campaignId) => void openPage(RECOMMEND_ROUTES.ranking(campaignId))}
    />
  )
}
