/** Campaign status that follows server time. How its dates read: types/time. */
import type { CampaignStatus, CampaignSummary } from '../../../types/domain'

const DAY_MS = 86_400_000

/** The status now, on the server's clock: a list opened before the deadline turns 已截止 at the deadline. */
export function liveStatus(c: Pick<CampaignSummary, 'status' | 'opensAt' | 'enterpriseDeadlineAt'>, now: number): CampaignStatus {
  if (c.status === 'closed' || now >= Date.parse(c.enterpriseDeadlineAt)) return 'closed'
  if (c.opensAt && now < Date.parse(c.opensAt)) return 'upcoming'
  return 'open'
}

/** Less than three days left: show the countdown as urgent. */
export function isUrgent(deadline: number, now: number): boolean {
  return deadline - now < 3 * DAY_MS
}
