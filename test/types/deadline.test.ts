import { addDays, campaignStatus, countdown, dayOf, deadlineInstant, formatCountdown, formatDate, formatDeadline, isBeforeDeadline } from '../../types/deadline'
import type { CampaignDefinition } from '../../types/campaign'

const at = (iso: string) => Date.parse(iso)

describe('deadline day in Asia/Shanghai', () => {
  it('is open at 23:59:59.999 and closed at 00:00:00.000 of the next day', () => {
    expect(isBeforeDeadline(at('2025-07-20T23:59:59.999+08:00'), '2025-07-20', 'Asia/Shanghai')).toBe(true)
    expect(isBeforeDeadline(at('2025-07-21T00:00:00.000+08:00'), '2025-07-20', 'Asia/Shanghai')).toBe(false)
  })

  it('is 16:00 UTC of the deadline day', () => {
    expect(new Date(deadlineInstant('2025-07-20', 'Asia/Shanghai')).toISOString()).toBe('2025-07-20T16:00:00.000Z')
  })

  it('knows which day an instant falls on in Shanghai', () => {
    expect(dayOf(at('2025-07-20T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2025-07-20')
    expect(dayOf(at('2025-07-20T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2025-07-21')
  })

  it('shifts days across month and year ends', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  })
})

describe('campaign status', () => {
  const def = {
    timezone: 'Asia/Shanghai',
    opensOn: '2025-07-01',
    deadlines: { enterprise: '2025-07-20', recommender: '2025-07-25' }
  } as CampaignDefinition

  it('is upcoming before the opening day, open through the deadline day, closed after', () => {
    expect(campaignStatus(def, at('2025-06-30T23:59:59.999+08:00'))).toBe('upcoming')
    expect(campaignStatus(def, at('2025-07-01T00:00:00.000+08:00'))).toBe('open')
    expect(campaignStatus(def, at('2025-07-20T23:59:59.999+08:00'))).toBe('open')
    expect(campaignStatus(def, at('2025-07-21T00:00:00.000+08:00'))).toBe('closed')
  })
})

describe('countdown', () => {
  it('breaks the time left into days, hours, minutes and seconds', () => {
    const c = countdown(at('2025-07-21T00:00:00+08:00'), at('2025-07-08T21:58:30+08:00'))
    expect(c).toEqual({ done: false, days: 12, hours: 2, minutes: 1, seconds: 30 })
    expect(formatCountdown(c)).toBe('剩 12 天 2 小时')
  })

  it('says 已截止 once the deadline has passed', () => {
    expect(formatCountdown(countdown(1000, 2000))).toBe('已截止')
  })

  it('shows minutes and seconds in the last hour', () => {
    expect(formatCountdown(countdown(200_000, 0))).toBe('剩 3 分 20 秒')
  })
})

describe('formatting for people', () => {
  it('writes a deadline instant as 24:00 of the inclusive day, in Shanghai', () => {
    expect(formatDeadline('2025-07-20T16:00:00.000Z')).toBe('2025年7月20日 24:00')
    expect(formatDeadline('2025-07-20T06:30:00.000Z')).toBe('2025年7月20日 14:30')
    expect(formatDate('2025-06-30T16:00:00.000Z')).toBe('2025年7月1日')
    expect(formatDeadline('not a date')).toBe('')
  })
})
