/**
 * The bureau's calls to /api/studio (server/routes/studio.ts), one function each. Errors come
 * out as ApiError with the server's code, Chinese message and, where it has them, the problems
 * by path in `fields` (DEFINITION_INVALID, DEFINITION_CHANGE_REFUSED, STUDIO_ISSUER_REQUIRED).
 */
import type { StudioCampaign, StudioStart, StudioSummary } from '../../../types/studio'
import { http } from '../../services/http'
import { cachedGet, invalidate } from '../../services/query'

const path = (id: string) => `/api/studio/campaigns/${encodeURIComponent(id)}`

/** After a change: the studio's lists and campaigns, and what enterprises see of a campaign, are asked again. */
function changed(): void {
  invalidate('/api/studio/')
  invalidate('/api/campaigns')
}

/** The campaigns the bureau issues or co-issues, newest change first. */
export async function listStudioCampaigns(): Promise<StudioSummary[]> {
  return (await cachedGet<{ campaigns: StudioSummary[] }>('/api/studio/campaigns')).campaigns
}

/** Starts a campaign: blank, a copy of one of the bureau's, or an uploaded definition. */
export async function createStudioCampaign(start: StudioStart): Promise<StudioCampaign> {
  const { data } = await http.post<StudioCampaign>('/api/studio/campaigns', start)
  changed()
  return data
}

export function getStudioCampaign(id: string): Promise<StudioCampaign> {
  return cachedGet<StudioCampaign>(path(id))
}

/** Keeps the working copy as it is, problems and all. */
export async function saveStudioDraft(id: string, definition: unknown): Promise<StudioCampaign> {
  const { data } = await http.put<StudioCampaign>(`${path(id)}/draft`, { definition })
  changed()
  return data
}

/** Drops the unpublished edits of a published campaign. */
export async function discardStudioDraft(id: string): Promise<StudioCampaign> {
  const { data } = await http.delete<StudioCampaign>(`${path(id)}/draft`)
  changed()
  return data
}

/** Publishes the saved working copy as the next version (or again, after it was taken down). */
export async function publishStudioCampaign(id: string): Promise<StudioCampaign> {
  const { data } = await http.post<StudioCampaign>(`${path(id)}/publish`, {})
  changed()
  return data
}

/** Takes the campaign down: enterprises no longer see it or file in it. */
export async function unpublishStudioCampaign(id: string): Promise<StudioCampaign> {
  const { data } = await http.post<StudioCampaign>(`${path(id)}/unpublish`, {})
  changed()
  return data
}

/** Ends enterprise filing today (the enterprise deadline becomes yesterday); the reason is audited. */
export async function closeStudioCampaign(id: string, reason: string): Promise<StudioCampaign> {
  const { data } = await http.post<StudioCampaign>(`${path(id)}/close`, { reason })
  changed()
  return data
}
