import type { CampaignSummary } from '../../../../types/domain'
import { syncClock } from '../../../services/clock'
import { cachedGet } from '../../../services/query'

export async function getCampaigns(): Promise<CampaignSummary[]> {
  return (await cachedGet<{ campaigns: CampaignSummary[] }>('/api/campaigns')).campaigns
}

/** The list together with the server clock, so no countdown is ever drawn from the phone's clock. */
export async function getCampaignsWithClock(): Promise<CampaignSummary[]> {
  const [campaigns] = await Promise.all([getCampaigns(), syncClock()])
  return campaigns
}
