import type { CampaignSummary } from '../../../../types/domain'
import { adoptServerTime } from '../../../services/clock'

/** The element server/first-paint.ts writes into index.html (EMBEDDED_ID there). */
const EMBEDDED_ID = 'campaigns-data'

/**
 * H5: the campaign list and the server's clock that the server put into index.html with its
 * snapshot, taken once (the element is removed: a later visit of the list fetches it afresh).
 * The server clock is adopted as of the moment the page's response began, so neither
 * /api/campaigns nor /api/time is asked before the list paints. Null elsewhere.
 */
export function takeEmbeddedCampaigns(): CampaignSummary[] | null {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return null
  const el = document.getElementById(EMBEDDED_ID)
  if (!el) return null
  el.remove()
  try {
    const { campaigns, now } = JSON.parse(el.textContent ?? '') as { campaigns: CampaignSummary[]; now: number }
    if (!Array.isArray(campaigns) || typeof now !== 'number') return null
    const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined
    adoptServerTime(now, nav?.responseStart ?? 0)
    return campaigns
  } catch {
    return null
  }
}
