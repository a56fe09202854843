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

/** Status and countdown to the enterprise deadline on the server's clock, ticking every second. */
export function useCampaignClock(c: Pick<CampaignSummary, 'status' | 'opensAt' | 'enterpriseDeadlineAt'>): CampaignClock {
  const now = useServerNow()
  const status = liveStatus(c, now)
  const deadline = Date.parse(c.enterpriseDeadlineAt)
  if (status === 'upcoming' && c.opensAt) return { status, countdownText: `${formatDate(c.opensAt)}开始`, urgent: false }
  if (status === 'closed') return { status, countdownText: '已截止', urgent: false }
  return { status, countdownText: formatCountdown(countdown(deadline, now)), urgent: isUrgent(deadline, now) }
}
