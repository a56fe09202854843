import type { CampaignDetail } from '../../../../types/domain'
import { syncClock } from '../../../services/clock'
import { http } from '../../../services/http'

export async function getCampaign(id: string): Promise<CampaignDetail> {
  const { data } = await http.get<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`)
  return data
}

export async function getCampaignWithClock(id: string): Promise<CampaignDetail> {
  const [campaign] = await Promise.all([getCampaign(id), syncClock()])
  return campaign
}
