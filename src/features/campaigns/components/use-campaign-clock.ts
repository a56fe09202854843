import type { CampaignStatus, CampaignSummary } from '../../../../types/domain'
import { countdown, formatCountdown, formatDate } from '../../../../types/time'
import { isUrgent, liveStatus } from '../time'
import { useServerNow } from '../use-server-now'

export interface CampaignClock {
  status: CampaignStatus
  /** 剩 12 天 3 小时 / 7月1日开始 / 已截止 */
  countdownText: string
  urgent: boolean
}

const HOUR_MS = 3_600_000

/**
 * Milliseconds until what the clock shows next changes: the countdown's last unit (hours past a
 * day, minutes past an hour, else seconds) or the status (at the opening and the deadline).
 */
function nextChangeIn(deadline: number, opensAt: number | null, now: number): number {
  const left = deadline - now
  if (opensAt !== null && now < opensAt) return opensAt - now
  if (left <= 0) return Infinity
  const unit = left > 24 * HOUR_MS ? HOUR_MS : left > HOUR_MS ? 60_000 : 1000
  return (left % unit) + 1
}

/** Status and countdown to the enterprise deadline on the server's clock, rendered again when they change. */
export function useCampaignClock(c: Pick<CampaignSummary, 'status' | 'opensAt' | 'enterpriseDeadlineAt'>): CampaignClock {
  const deadline = Date.parse(c.enterpriseDeadlineAt)
  const opensAt = c.opensAt ? Date.parse(c.opensAt) : null
  const now = useServerNow((t) => nextChangeIn(deadline, opensAt, t))
  const status = liveStatus(c, now)
  if (status === 'upcoming' && c.opensAt) return { status, countdownText: `${formatDate(c.opensAt)}开始`, urgent: false }
  if (status === 'closed') return { status, countdownText: '已截止', urgent: false }
  return { status, countdownText: formatCountdown(countdown(deadline, now)), urgent: isUrgent(deadline, now) }
}
