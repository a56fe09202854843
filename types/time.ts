/**
 * Time as people read it, in one place, on dayjs: an instant, a calendar day, a deadline
 * (written 24:00 of its inclusive day, as notices do) and a countdown. Used by the app, the
 * server and the first-paint snapshot, so a date reads the same everywhere.
 *
 * Campaign time zones are fixed offsets (Asia/Shanghai has kept UTC+8 without daylight saving
 * since 1991), applied with dayjs's utc plugin. The timezone plugin is not used: it asks
 * Intl.DateTimeFormat for zone data, which mini-program JS engines do not all carry, and it
 * would add its bytes to the main package for a zone whose offset never changes.
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { CalendarDay, CampaignTimezone } from './campaign'

dayjs.extend(utc)

const OFFSET_MINUTES: Record<CampaignTimezone, number> = { 'Asia/Shanghai': 480 }
export const DEFAULT_TIMEZONE: CampaignTimezone = 'Asia/Shanghai'

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/**
 * An instant (epoch ms or ISO text) as wall time in the zone; null when it is not one. The
 * wall time is held in dayjs's UTC mode, shifted by the offset: dayjs's own utcOffset() goes
 * through the machine's zone and is an hour off at that zone's daylight-saving changes.
 */
function zoned(instant: number | string | null | undefined, tz: CampaignTimezone = DEFAULT_TIMEZONE): Dayjs | null {
  if (instant === null || instant === undefined || instant === '') return null
  const t = typeof instant === 'number' ? instant : Date.parse(instant)
  return Number.isNaN(t) ? null : dayjs.utc(t + OFFSET_MINUTES[tz] * 60_000)
}

// ---------------------------------------------------------------- calendar days

/** “2026-02-30” is not a day; “2026-02-28” is. */
export function isCalendarDay(value: string): boolean {
  return DAY_PATTERN.test(value) && dayjs.utc(value).format('YYYY-MM-DD') === value
}

/** The first instant of `day` in the time zone, as epoch milliseconds. */
export function startOfDay(day: CalendarDay, tz: CampaignTimezone): number {
  return dayjs.utc(day).valueOf() - OFFSET_MINUTES[tz] * 60_000
}

/** The calendar day an instant falls on in the time zone. */
export function dayOf(instant: number, tz: CampaignTimezone): CalendarDay {
  return (zoned(instant, tz) as Dayjs).format('YYYY-MM-DD')
}

/** Shift a calendar day by whole days. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return dayjs.utc(day).add(days, 'day').format('YYYY-MM-DD')
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day')
}

/** Milliseconds since local midnight of `instant` in the time zone. */
export function timeOfDay(instant: number, tz: CampaignTimezone): number {
  const d = zoned(instant, tz) as Dayjs
  return d.diff(d.startOf('day'))
}

// ---------------------------------------------------------------- text

/** “2026年3月5日 14:05” */
export function formatInstant(instant: number | string | null | undefined): string {
  return zoned(instant)?.format('YYYY年M月D日 HH:mm') ?? ''
}

/** “2025年7月1日”: the day of an instant. */
export function formatDate(instant: number | string | null | undefined): string {
  return zoned(instant)?.format('YYYY年M月D日') ?? ''
}

/** “2027年12月31日” from the calendar day “2027-12-31” (other text as it is). */
export function formatDay(day: CalendarDay): string {
  return isCalendarDay(day) ? dayjs.utc(day).format('YYYY年M月D日') : day
}

/**
 * A deadline instant as “2025年7月20日 24:00”. Deadlines are the first instant after an
 * inclusive day, so midnight is written as 24:00 of the day before, as notices do.
 */
export function formatDeadline(instant: number | string): string {
  const d = zoned(instant)
  if (!d) return ''
  if (d.hour() === 0 && d.minute() === 0) return formatDeadlineDay(d.subtract(1, 'day').format('YYYY-MM-DD'))
  return d.format('YYYY年M月D日 HH:mm')
}

/** “2025年7月20日 24:00”: the end of an inclusive deadline day. */
export function formatDeadlineDay(day: CalendarDay): string {
  return `${formatDay(day)} 24:00`
}

/** Short, for lists: “14:05” today, “昨天 14:05”, “3月5日 14:05” this year, “2025年3月5日” before. */
export function formatShortTime(instant: number | string, now: number): string {
  const d = zoned(instant)
  if (!d) return ''
  const today = zoned(now) as Dayjs
  const days = today.startOf('day').diff(d.startOf('day'), 'day')
  if (days <= 0) return d.format('HH:mm')
  if (days === 1) return `昨天 ${d.format('HH:mm')}`
  if (d.year() === today.year()) return d.format('M月D日 HH:mm')
  return d.format('YYYY年M月D日')
}

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai, as Alipay's gateway wants its `timestamp`. */
export function gatewayTimestamp(instant: number): string {
  return (zoned(instant) as Dayjs).format('YYYY-MM-DD HH:mm:ss')
}

// ---------------------------------------------------------------- countdowns

export interface Countdown {
  done: boolean
  days: number
  hours: number
  minutes: number
  seconds: number
}

export function countdown(deadline: number, now: number): Countdown {
  const s = Math.floor(Math.max(0, deadline - now) / 1000)
  return {
    done: deadline <= now,
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3_600),
    minutes: Math.floor((s % 3_600) / 60),
    seconds: s % 60
  }
}

/** 剩 12 天 3 小时 / 剩 5 小时 20 分 / 剩 3 分 12 秒 / 已截止 */
export function formatCountdown(c: Countdown): string {
  if (c.done) return '已截止'
  if (c.days >= 1) return `剩 ${c.days} 天 ${c.hours} 小时`
  if (c.hours >= 1) return `剩 ${c.hours} 小时 ${c.minutes} 分`
  return `剩 ${c.minutes} 分 ${c.seconds} 秒`
}
