/**
 * The enterprise's status page (办理进度) of its own demand: where it stands, the four steps,
 * the timeline, the rank and unit once recommended, what it can do now and until when.
 */
import type { CampaignDefinition } from '../types/campaign'
import { unitRef } from '../types/display'
import { DEMAND_STATUS_LABELS } from '../types/domain'
import type { DemandStatusView } from '../types/recommend'
import { RECOMMENDED_STATUSES, deadlineContext, nextActions, statusSteps } from '../types/status'
import type { Session } from './auth/sessions'
import type { Queryable } from './db'
import { getDemand } from './demands'
import { timelineOf } from './status-events'

export async function enterpriseStatus(db: Queryable, session: Session, id: string, now: number): Promise<DemandStatusView> {
  const demand = await getDemand(db, session, id, now) // the owner's, or 404
  const [row] = await db.query<{ rank: number | null; unitId: string | null; definition: CampaignDefinition }>(
    `SELECT d.rank, d.recommender_unit AS "unitId", c.definition FROM demands d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = $1`,
    [id]
  )
  const def = row.definition
  return {
    id,
    campaignId: demand.campaignId,
    campaignTitle: demand.campaignTitle,
    title: demand.title,
    status: demand.status,
    statusLabel: DEMAND_STATUS_LABELS[demand.status],
    rank: RECOMMENDED_STATUSES.includes(demand.status) ? row.rank : null,
    unit: row.unitId ? unitRef(def, row.unitId) : null,
    steps: statusSteps(demand.status),
    timeline: await timelineOf(db, id),
    next: nextActions(demand.status, 'enterprise', deadlineContext(def, now))
  }
}
