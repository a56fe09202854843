/**
 * Reminder policy: which reminders a campaign sends, when, and what they say. Pure: every
 * function takes the instant it reasons about, so the server's clock (or a test's) decides.
 *
 * A milestone is an offset before a deadline ('7d', '2h', '30m'). A reminder due inside the
 * quiet hours (default 22:00–08:00 in the campaign's time zone) waits for their end, unless
 * that end is at or after the deadline; then it goes at once.
 */
import type { CampaignDefinition, CampaignTimezone, QuietHours } from './campaign'
import { deadlineInstant } from './deadline'
import { formatDeadline, timeOfDay } from './time'

export type ReminderAudience = 'enterprise' | 'recommender'
export const REMINDER_AUDIENCES: readonly ReminderAudience[] = ['enterprise', 'recommender']

export type { QuietHours, ReminderSettings } from './campaign'

export interface ReminderPolicy {
  enterprise: string[]
  recommender: string[]
  quietHours: QuietHours | null
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  enterprise: ['7d', '3d', '1d', '2h'],
  recommender: ['3d', '1d'],
  quietHours: { start: '22:00', end: '08:00' }
}

/** Demand statuses whose owner is reminded of the enterprise deadline. */
export const REMIND_OWNER_STATUSES = ['draft', 'returned'] as const
/** Demand statuses that still wait for the recommending unit's decision. */
export const UNDECIDED_STATUSES = ['submitted', 'reviewing'] as const

const OFFSET = /^([1-9][0-9]{0,3})([dhm])$/
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const
const UNIT_LABEL = { d: '天', h: '小时', m: '分钟' } as const
const CLOCK = /^([01][0-9]|2[0-3]):([0-5][0-9])$/
const DAY_MS = 86_400_000

/** Milliseconds of an offset such as '7d', or null when it is not one. At most 60 days. */
export function offsetMs(offset: string): number | null {
  const m = OFFSET.exec(offset)
  if (!m) return null
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS]
  return ms <= 60 * DAY_MS ? ms : null
}

export const isClockTime = (value: string) => CLOCK.test(value)

/** 截止前7天 / 截止前2小时 */
export function offsetLabel(offset: string): string {
  const m = OFFSET.exec(offset)
  return m ? `截止前${m[1]}${UNIT_LABEL[m[2] as keyof typeof UNIT_LABEL]}` : offset
}

export function reminderPolicy(def: Pick<CampaignDefinition, 'reminders'>): ReminderPolicy {
  const r = def.reminders ?? {}
  return {
    enterprise: r.enterprise ?? DEFAULT_REMINDER_POLICY.enterprise,
    recommender: r.recommender ?? DEFAULT_REMINDER_POLICY.recommender,
    quietHours: r.quietHours === undefined ? DEFAULT_REMINDER_POLICY.quietHours : r.quietHours
  }
}

const minuteOfDay = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

export function isQuiet(t: number, quiet: QuietHours | null, tz: CampaignTimezone): boolean {
  if (!quiet) return false
  const now = timeOfDay(t, tz)
  const start = minuteOfDay(quiet.start) * 60_000
  const end = minuteOfDay(quiet.end) * 60_000
  return start <= end ? now >= start && now < end : now >= start || now < end
}

/** The first instant after `t` at which the quiet hours that hold `t` end (t itself when not quiet). */
export function quietEnd(t: number, quiet: QuietHours | null, tz: CampaignTimezone): number {
  if (!quiet || !isQuiet(t, quiet, tz)) return t
  const end = minuteOfDay(quiet.end) * 60_000
  const now = timeOfDay(t, tz)
  return t - now + end + (end > now ? 0 : DAY_MS)
}

/** When a reminder nominally due at `nominal` goes out. */
export function fireTime(nominal: number, deadline: number, quiet: QuietHours | null, tz: CampaignTimezone): number {
  const end = quietEnd(nominal, quiet, tz)
  return end < deadline ? end : nominal
}

export interface Milestone {
  audience: ReminderAudience
  /** e.g. '7d' */
  offset: string
  /** `${audience}:${offset}`: what a person gets once per demand (or campaign) */
  key: string
  deadlineAt: number
  /** deadline − offset */
  nominalAt: number
  /** nominalAt moved out of the quiet hours */
  fireAt: number
}

export interface Deadlines {
  enterprise: number
  recommender: number
}

export function campaignDeadlines(def: Pick<CampaignDefinition, 'deadlines' | 'timezone'>): Deadlines {
  return {
    enterprise: deadlineInstant(def.deadlines.enterprise, def.timezone),
    recommender: deadlineInstant(def.deadlines.recommender, def.timezone)
  }
}

/** Every milestone of the campaign, soonest first. */
export function milestones(def: Pick<CampaignDefinition, 'deadlines' | 'timezone' | 'reminders'>): Milestone[] {
  const policy = reminderPolicy(def)
  const deadlines = campaignDeadlines(def)
  const all: Milestone[] = []
  for (const audience of REMINDER_AUDIENCES) {
    const deadlineAt = deadlines[audience]
    for (const offset of policy[audience]) {
      const ms = offsetMs(offset)
      if (ms === null) continue
      const nominalAt = deadlineAt - ms
      all.push({
        audience,
        offset,
        key: `${audience}:${offset}`,
        deadlineAt,
        nominalAt,
        fireAt: fireTime(nominalAt, deadlineAt, policy.quietHours, def.timezone)
      })
    }
  }
  return all.sort((a, b) => a.fireAt - b.fireAt || b.nominalAt - a.nominalAt)
}

/**
 * What to do at `now` with a milestone planned for `deadlineAt`:
 * - 'cancel' when the deadline has moved or passed, or a later milestone of the same audience
 *   is due too (a reminder that says "7 days left" three days before the deadline is wrong);
 * - 'wait' when it is not yet time, or it is the quiet hours and they end before the deadline;
 * - 'go' otherwise.
 */
export function milestoneState(
  def: Pick<CampaignDefinition, 'deadlines' | 'timezone' | 'reminders'>,
  m: { audience: ReminderAudience; offset: string; deadlineAt: number },
  now: number
): 'go' | 'wait' | 'cancel' {
  const all = milestones(def).filter((x) => x.audience === m.audience)
  const current = all.find((x) => x.offset === m.offset)
  if (!current || current.deadlineAt !== m.deadlineAt || now >= current.deadlineAt) return 'cancel'
  if (all.some((x) => x.nominalAt > current.nominalAt && x.fireAt <= now)) return 'cancel'
  if (now < current.fireAt) return 'wait'
  const quiet = reminderPolicy(def).quietHours
  if (isQuiet(now, quiet, def.timezone) && quietEnd(now, quiet, def.timezone) < current.deadlineAt) return 'wait'
  return 'go'
}

/** The milestones that should go out at `now` (at most one per audience). */
export function dueMilestones(def: Pick<CampaignDefinition, 'deadlines' | 'timezone' | 'reminders'>, now: number): Milestone[] {
  return milestones(def).filter((m) => milestoneState(def, m, now) === 'go')
}

// ---------------------------------------------------------------- what a reminder says

/** 6天16小时 / 5小时20分钟 / 12分钟 / 不到1分钟 */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return hours ? `${days}天${hours}小时` : `${days}天`
  if (hours > 0) return mins ? `${hours}小时${mins}分钟` : `${hours}小时`
  return mins > 0 ? `${mins}分钟` : '不到1分钟'
}

export interface ReminderText {
  title: string
  body: string
  /** A short line for the phone (subscription message). */
  note: string
}

export type ReminderSubject =
  | { audience: 'enterprise'; demandTitle: string; status: (typeof REMIND_OWNER_STATUSES)[number] }
  | { audience: 'recommender'; undecided: number }

/** The reminder for one person: which campaign, which deadline, how much time is left. */
export function reminderText(
  campaign: { title: string; timezone: CampaignTimezone },
  deadlineAt: number,
  now: number,
  subject: ReminderSubject
): ReminderText {
  // 2025年7月20日 24:00: the inclusive deadline day, as the rest of the product says it
  const when = `${formatDeadline(new Date(deadlineAt).toISOString())}截止`
  const left = `距截止还剩${formatTimeLeft(deadlineAt - now)}`
  if (subject.audience === 'enterprise') {
    const name = `“${subject.demandTitle.trim() || '未命名需求'}”`
    const returned = subject.status === 'returned'
    return {
      title: '需求填报截止提醒',
      body: `「${campaign.title}」需求填报将于${when}，${left}。您的需求${name}${
        returned ? '已退回修改，尚未重新提交，请修改后重新提交' : '尚未提交，请尽快完善并提交'
      }。`,
      note: returned ? '需求已退回，请修改后重新提交' : '需求尚未提交，请尽快提交'
    }
  }
  return {
    title: '推荐截止提醒',
    body: `「${campaign.title}」推荐工作将于${when}，${left}。本单位还有${subject.undecided}项需求尚未作出推荐决定，请及时处理。`,
    note: `${subject.undecided}项需求待作出推荐决定`
  }
}
