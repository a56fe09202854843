/**
 * The one time module. Its texts are checked against Intl's own Asia/Shanghai conversion
 * (an independent oracle, not our code) over random instants from 1992 to 2100. `npm test`
 * runs this file again with the process in other time zones (test/calendar.js): what a
 * person reads never depends on the machine's zone. (Jest gives each test file its own copy
 * of process.env, so a test cannot change its own zone.)
 */
import fc from 'fast-check'
import {
  addDays,
  countdown,
  dayOf,
  daysBetween,
  formatCountdown,
  formatDate,
  formatDay,
  formatDeadline,
  formatDeadlineDay,
  formatInstant,
  formatShortTime,
  gatewayTimestamp,
  isCalendarDay,
  startOfDay,
  timeOfDay
} from '../../types/time'
import { intlShanghai as oracle, pad2 as pad } from '../support/intl-shanghai'

const at = (iso: string) => Date.parse(iso)

const instants = fc.integer({ min: at('1992-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') })

describe('instants read in Shanghai', () => {
  it(`agrees with Intl (process time zone: ${Intl.DateTimeFormat().resolvedOptions().timeZone})`, () => {
    fc.assert(
      fc.property(instants, (t) => {
        const o = oracle(t)
        const day = `${o.year}-${pad(o.month)}-${pad(o.day)}`
        expect(formatInstant(t)).toBe(`${o.year}年${o.month}月${o.day}日 ${pad(o.hour)}:${pad(o.minute)}`)
        expect(formatInstant(new Date(t).toISOString())).toBe(formatInstant(t))
        expect(formatDate(t)).toBe(`${o.year}年${o.month}月${o.day}日`)
        expect(dayOf(t, 'Asia/Shanghai')).toBe(day)
        expect(timeOfDay(t, 'Asia/Shanghai')).toBe(((o.hour * 60 + o.minute) * 60 + o.second) * 1000 + (t % 1000))
        expect(gatewayTimestamp(t)).toBe(`${day} ${pad(o.hour)}:${pad(o.minute)}:${pad(o.second)}`)
        expect(startOfDay(day, 'Asia/Shanghai')).toBe(t - timeOfDay(t, 'Asia/Shanghai'))
      }),
      { numRuns: 2000 }
    )
  })
})

describe('calendar days', () => {
  it('knows which day an instant falls on in Shanghai', () => {
    expect(dayOf(at('2025-07-20T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2025-07-20')
    expect(dayOf(at('2025-07-20T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2025-07-21')
    expect(dayOf(at('2026-12-31T23:59:59+08:00'), 'Asia/Shanghai')).toBe('2026-12-31')
  })

  it('shifts days across month, leap-day and year ends', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3)
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1)
  })

  it('refuses what is not a day', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-05', '20260105', '2026-01-05T00:00', ''])
      expect(isCalendarDay(bad)).toBe(false)
    for (const good of ['2024-02-29', '2026-12-31', '2027-01-01']) expect(isCalendarDay(good)).toBe(true)
    expect(formatDay('2027-01-05')).toBe('2027年1月5日')
    expect(formatDay('不是日期')).toBe('不是日期')
  })
})

describe('deadlines', () => {
  it('writes midnight as 24:00 of the day before, as notices do', () => {
    expect(formatDeadline('2025-07-20T16:00:00.000Z')).toBe('2025年7月20日 24:00')
    expect(formatDeadline(at('2026-12-31T16:00:00Z'))).toBe('2026年12月31日 24:00')
    expect(formatDeadline('2025-07-20T06:30:00.000Z')).toBe('2025年7月20日 14:30')
    expect(formatDeadlineDay('2026-12-31')).toBe('2026年12月31日 24:00')
    expect(formatDeadline('not a date')).toBe('')
    expect(formatDate('2025-06-30T16:00:00.000Z')).toBe('2025年7月1日')
  })
})

describe('short times in lists, relative to now in Shanghai', () => {
  const now = at('2027-01-01T00:30:00+08:00') // just after the new year in Shanghai, still 2026 in UTC
  it('says the time today, 昨天 yesterday, the date this year, and the year before', () => {
    expect(formatShortTime(at('2027-01-01T00:05:00+08:00'), now)).toBe('00:05')
    expect(formatShortTime(at('2026-12-31T23:59:00+08:00'), now)).toBe('昨天 23:59')
    expect(formatShortTime(at('2026-12-30T09:00:00+08:00'), now)).toBe('2026年12月30日')
    expect(formatShortTime(at('2026-03-05T14:05:00+08:00'), at('2026-12-03T10:00:00+08:00'))).toBe('3月5日 14:05')
    expect(formatShortTime('', now)).toBe('')
  })
})

describe('countdown', () => {
  it('breaks the time left into days, hours, minutes and seconds', () => {
    const c = countdown(at('2025-07-21T00:00:00+08:00'), at('2025-07-08T21:58:30+08:00'))
    expect(c).toEqual({ done: false, days: 12, hours: 2, minutes: 1, seconds: 30 })
    expect(formatCountdown(c)).toBe('剩 12 天 2 小时')
  })

  it('says 已截止 from the deadline on', () => {
    expect(formatCountdown(countdown(1000, 1000))).toBe('已截止')
    expect(formatCountdown(countdown(1000, 2000))).toBe('已截止')
  })

  it('shows hours and minutes on the last day, minutes and seconds in the last hour', () => {
    expect(formatCountdown(countdown(5 * 3_600_000 + 20 * 60_000, 0))).toBe('剩 5 小时 20 分')
    expect(formatCountdown(countdown(200_000, 0))).toBe('剩 3 分 20 秒')
  })
})
