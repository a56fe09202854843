/** The demands API: a sub-entry of its own, so the campaign page (main package) can start a demand without the demand list screen. */
import type { Demand, DemandListItem } from '../../../../types/domain'
import type { CarryOverReport, CreatedDemand } from '../../../../types/carry-over'
import { http } from '../../../services/http'
import { cachedGet, invalidate } from '../../../services/query'
import { storage } from '../../../services/storage'

export type { DemandListItem }

export async function getMyDemands(): Promise<DemandListItem[]> {
  return (await cachedGet<{ demands: DemandListItem[] }>('/api/demands')).demands
}

/**
 * Starts a demand in a campaign, as a copy of one of the enterprise's own demands when
 * `fromDemandId` is given; the carry-over report is kept on the phone for the wizard's banner
 * (carryOverOf). Errors (ApiError): PROFILE_INCOMPLETE, DEMAND_LIMIT_REACHED,
 * INELIGIBLE_UNIT_TYPE, DEADLINE_PASSED, CAMPAIGN_NOT_OPEN, SOURCE_DEMAND_NOT_FOUND, UNAUTHENTICATED.
 */
export async function startDemand(campaignId: string, fromDemandId?: string): Promise<Demand> {
  const query = fromDemandId ? `?fromDemandId=${encodeURIComponent(fromDemandId)}` : ''
  const { data } = await http.post<CreatedDemand>(`/api/campaigns/${encodeURIComponent(campaignId)}/demands${query}`, {})
  invalidate('/api/demands')
  const { carryOver, ...demand } = data
  if (carryOver) storage.set(carryKey(demand.id), carryOver)
  return demand
}

const carryKey = (demandId: string) => `demand.carry.${demandId}`

/** What was carried into a copied demand, until its banner is dismissed. */
export function carryOverOf(demandId: string): CarryOverReport | undefined {
  const report = storage.get<CarryOverReport>(carryKey(demandId))
  return report && Array.isArray(report.carried) ? report : undefined
}

export function forgetCarryOver(demandId: string): void {
  storage.remove(carryKey(demandId))
}
