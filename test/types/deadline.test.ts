import { campaignStatus, deadlineInstant, isBeforeDeadline } from '../../types/deadline'
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
