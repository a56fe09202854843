/**
 * Deadline rules. A deadline day is inclusive in the campaign's time zone:
 * 23:59:59.999 of that day is still open, 00:00:00.000 of the next is closed.
 * How days and instants read is in `time.ts`.
 */
import type { CalendarDay, CampaignDefinition, CampaignTimezone } from './campaign'
import type { CampaignStatus } from './domain'
import { addDays, startOfDay } from './time'

/** The first instant after an inclusive deadline day: anything earlier is in time. */
export function deadlineInstant(day: CalendarDay, tz: CampaignTimezone): number {
  return startOfDay(addDays(day, 1), tz)
}

export function isBeforeDeadline(now: number, day: CalendarDay, tz: CampaignTimezone): boolean {
  return now < deadlineInstant(day, tz)
}

export function campaignStatus(def: Pick<CampaignDefinition, 'opensOn' | 'timezone' | 'deadlines'>, now: number): CampaignStatus {
  if (def.opensOn && now < startOfDay(def.opensOn, def.timezone)) return 'upcoming'
  return isBeforeDeadline(now, def.deadlines.enterprise, def.timezone) ? 'open' : 'closed'
}
