/** Campaign time as people read it: Shanghai calendar dates and a status that follows server time. */
import type { CampaignStatus, CampaignSummary } from '../../../types/domain'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

function shanghaiParts(instant: number) {
  const d = new Date(instant + SHANGHAI_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A deadline instant as “2025年7月20日 24:00”. Deadlines are the first instant after an
 * inclusive day, so midnight is written as 24:00 of the day before, as notices do.
 */
export function formatDeadline(iso: string): string {
  const instant = Date.parse(iso)
  if (Number.isNaN(instant)) return ''
  const p = shanghaiParts(instant)
  if (p.h === 0 && p.min === 0) {
    const prev = shanghaiParts(instant - DAY_MS)
    return `${prev.y}年${prev.m}月${prev.d}日 24:00`
  }
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`
}

/** “2025年7月1日” */
export function formatDate(iso: string): string {
  const instant = Date.parse(iso)
  if (Number.isNaN(instant)) return ''
  const p = shanghaiParts(instant)
  return `${p.y}年${p.m}月${p.d}日`
}

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
