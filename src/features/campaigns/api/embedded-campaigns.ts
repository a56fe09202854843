import type { CampaignDetail, CampaignSummary } from '../../../../types/domain'
import { adoptServerTime } from '../../../services/clock'
import { keepCampaign } from './get-campaign'

/** The element server/first-paint.ts writes into index.html (EMBEDDED_ID there). */
const EMBEDDED_ID = 'campaigns-data'

interface Embedded {
  /** At /: the campaign list. */
  campaigns?: CampaignSummary[]
  /** At a campaign's path: that campaign, as GET /api/campaigns/:id answers it. */
  campaign?: CampaignDetail
  now: number
}

/**
 * H5: what the server put into the page with its snapshot (the list, or the campaign of that
 * page) and the server's clock, taken once (the element is removed: a later visit of the page
 * fetches afresh). The server clock is adopted as of the moment the page's response began, so
 * neither the data nor /api/time is asked before the first page paints. Null elsewhere.
 */
function takeEmbedded(): Embedded | null {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return null
  const el = document.getElementById(EMBEDDED_ID)
  if (!el) return null
  el.remove()
  try {
    const embedded = JSON.parse(el.textContent ?? '') as Embedded
    if (typeof embedded?.now !== 'number') return null
    const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined
    adoptServerTime(embedded.now, nav?.responseStart ?? 0)
    return embedded
  } catch {
    return null
  }
}

/** The list the server embedded at /, or null. */
export function takeEmbeddedCampaigns(): CampaignSummary[] | null {
  const campaigns = takeEmbedded()?.campaigns
  return Array.isArray(campaigns) ? campaigns : null
}

/**
 * The campaign the server embedded in its page, when it is the one with this id (kept as its
 * GET's answer, for the pages that ask for it next); else null.
 */
export function takeEmbeddedCampaign(id: string | undefined): CampaignDetail | null {
  const campaign = takeEmbedded()?.campaign
  if (!campaign || id === undefined || campaign.id !== id || !campaign.definition) return null
  keepCampaign(campaign)
  return campaign
}
