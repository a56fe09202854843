/** The demands API: a sub-entry of its own, so the campaign page (main package) can start a demand without the demand list screen. */
import type { Demand, DemandListItem } from '../../../../types/domain'
import { http } from '../../../services/http'

export type { DemandListItem }

export async function getMyDemands(): Promise<DemandListItem[]> {
  const { data } = await http.get<{ demands: DemandListItem[] }>('/api/demands')
  return data.demands
}

/**
 * Starts a demand in a campaign. Errors (ApiError): PROFILE_INCOMPLETE, DEMAND_LIMIT_REACHED,
 * INELIGIBLE_UNIT_TYPE, DEADLINE_PASSED, CAMPAIGN_NOT_OPEN, UNAUTHENTICATED.
 */
export async function startDemand(campaignId: string): Promise<Demand> {
  const { data } = await http.post<Demand>(`/api/campaigns/${encodeURIComponent(campaignId)}/demands`, {})
  return data
}
