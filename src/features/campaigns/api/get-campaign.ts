/**
 * GET /api/campaigns/:id, the one client function for it, with one cache for every feature
 * (the campaign's page, the wizard, the recommending unit's screens):
 * - in the app's query cache (services/query.ts), one request per campaign while the app is
 *   open (a definition rarely changes while a page is open); `fresh` asks the server again;
 * - on the phone, the last copy received, so a draft still opens offline: used when the
 *   server cannot be reached or fails (never for a 4xx, which is the server's answer).
 */
import type { CampaignDetail } from '../../../../types/domain'
import { syncClock } from '../../../services/clock'
import { http, toApiError } from '../../../services/http'
import { query } from '../../../services/query'
import { storage } from '../../../services/storage'

const storageKey = (id: string) => `campaign.${id}`

function stored(id: string): CampaignDetail | undefined {
  const copy = storage.get<CampaignDetail>(storageKey(id))
  return copy && typeof copy === 'object' && copy.definition ? copy : undefined
}

export interface GetCampaignOptions {
  /** Ask the server even when this campaign is already in memory (pages that show deadlines and status). */
  fresh?: boolean
}

const pathOf = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`

/** The server's answer, also kept on the phone for when it cannot be reached. */
function received(data: CampaignDetail): CampaignDetail {
  storage.set(storageKey(data.id), data)
  return data
}

export function getCampaign(id: string, { fresh = false }: GetCampaignOptions = {}): Promise<CampaignDetail> {
  const path = pathOf(id)
  const load = () => http.get<CampaignDetail>(path).then(({ data }) => received(data))
  return query(path, load, { staleTime: Infinity, fresh }).catch((e: unknown) => {
    const err = toApiError(e)
    const copy = err.status === 0 || err.status >= 500 ? stored(id) : undefined
    if (copy) return copy
    throw err
  })
}

/** The campaign, fresh, with the server's clock synchronised (countdowns on the campaign's page). */
export async function getCampaignWithClock(id: string): Promise<CampaignDetail> {
  const [campaign] = await Promise.all([getCampaign(id, { fresh: true }), syncClock()])
  return campaign
}

/** A campaign the server gave outside its GET (H5: in the page of its snapshot), kept as that GET's answer. */
export function keepCampaign(campaign: CampaignDetail): void {
  void query(pathOf(campaign.id), () => Promise.resolve(received(campaign)), { staleTime: Infinity, fresh: true })
}
