import type { CampaignSummary } from '../../../../types/domain'
import { syncClock } from '../../../services/clock'
import { http } from '../../../services/http'

export async function getCampaigns(): Promise<CampaignSummary[]> {
  const { data } = await http.get<{ campaigns: CampaignSummary[] }>('/api/campaigns')
  return data.campaigns
}

/** The list together with the server clock, so no countdown is ever drawn from the phone's clock. */
export async function getCampaignsWithClock(): Promise<CampaignSummary[]> {
  const [campaigns] = await Promise.all([getCampaigns(), syncClock()])
  return campaigns
}
