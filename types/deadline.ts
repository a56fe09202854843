/**
 * Deadline rules. A deadline day is inclusive in the campaign's time zone:
 * 23:59:59.999 of that day is still open, 00:00:00.000 of the next is closed.
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991.
 */
import type { CalendarDay, CampaignDefinition, CampaignTimezone } from './campaign'
import type { CampaignStatus } from './domain'

const OFFSET_HOURS: Record<CampaignTimezone, number> = { 'Asia/Shanghai': 8 }
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(value + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)
}

/** The first instant of `day` in the time zone, as epoch milliseconds. */
export function startOfDay(day: CalendarDay, tz: CampaignTimezone): number {
  return Date.parse(day + 'T00:00:00.000Z') - OFFSET_HOURS[tz] * HOUR_MS
}

/** The first instant after an inclusive deadline day: anything earlier is in time. */
export function deadlineInstant(day: CalendarDay, tz: CampaignTimezone): number {
  return startOfDay(day, tz) + DAY_MS
}

export function isBeforeDeadline(now: number, day: CalendarDay, tz: CampaignTimezone): boolean {
  return now < deadlineInstant(day, tz)
}

export function campaignStatus(def: CampaignDefinition, now: number): CampaignStatus {
  if (def.opensOn && now < startOfDay(def.opensOn, def.timezone)) return 'upcoming'
  return isBeforeDeadline(now, def.deadlines.enterprise, def.timezone) ? 'open' : 'closed'
}

/** Shift a calendar day by whole days (used by the demo seed). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return new Date(Date.parse(day + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10)
}

/** The calendar day an instant falls on in the time zone. */
export function dayOf(instant: number, tz: CampaignTimezone): CalendarDay {
  return new Date(instant + OFFSET_HOURS[tz] * HOUR_MS).toISOString().slice(0, 10)
}

export interface Countdown {
  done: boolean
  days: number
  hours: number
  minutes: number
  seconds: number
}

export function countdown(deadline: number, now: number): Countdown {
  const left = Math.max(0, deadline - now)
  const s = Math.floor(left / 1000)
  return {
    done: left === 0,
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3_600),
    minutes: Math.floor((s % 3_600) / 60),
    seconds: s % 60
  }
}

/** 剩 12 天 / 剩 5 小时 20 分 / 剩 3 分 12 秒 / 已截止 */
export function formatCountdown(c: Countdown): string {
  if (c.done) return '已截止'
  if (c.days >= 1) return `剩 ${c.days} 天 ${c.hours} 小时`
  if (c.hours >= 1) return `剩 ${c.hours} 小时 ${c.minutes} 分`
  return `剩 ${c.minutes} 分 ${c.seconds} 秒`
}

function shanghaiParts(instant: number) {
  const d = new Date(instant + OFFSET_HOURS['Asia/Shanghai'] * HOUR_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

const pad2 = (n: number) => String(n).padStart(2, '0')

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
  return `${p.y}年${p.m}月${p.d}日 ${pad2(p.h)}:${pad2(p.min)}`
}

/** “2025年7月1日” in Shanghai. */
export function formatDate(iso: string): string {
  const instant = Date.parse(iso)
  if (Number.isNaN(instant)) return ''
  const p = shanghaiParts(instant)
  return `${p.y}年${p.m}月${p.d}日`
}
