import cqJson from '../../campaigns/cq-2026-key-areas.json'
import type { CampaignDefinition } from '../../types/campaign'
import {
  dueMilestones,
  fireTime,
  formatTimeLeft,
  isQuiet,
  milestoneState,
  milestones,
  quietEnd,
  reminderPolicy,
  reminderText
} from '../../types/reminders'
import { validateDefinition } from '../../types/validate-definition'
import { copy, inAnyOrder, problemsOf } from '../support/problems'

const at = (iso: string) => Date.parse(iso)
const TZ = 'Asia/Shanghai'
const QUIET = { start: '22:00', end: '08:00' }
/** Enterprise deadline 2025-07-20 (closes 07-21 00:00 Shanghai), recommender 2025-07-25. */
const def = (reminders?: CampaignDefinition['reminders']) =>
  ({ timezone: TZ, deadlines: { enterprise: '2025-07-20', recommender: '2025-07-25' }, ...(reminders ? { reminders } : {}) }) as CampaignDefinition
const iso = (t: number) => new Date(t).toISOString()
/** Shanghai wall clock of an instant, for readable expectations. */
const local = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

describe('quiet hours (22:00–08:00 Asia/Shanghai)', () => {
  it.each([
    ['2025-07-10T21:59:59.999+08:00', false],
    ['2025-07-10T22:00:00.000+08:00', true],
    ['2025-07-10T23:59:59.999+08:00', true],
    ['2025-07-11T00:00:00.000+08:00', true],
    ['2025-07-11T07:59:59.999+08:00', true],
    ['2025-07-11T08:00:00.000+08:00', false],
    // the same instants in UTC: 14:00 UTC is 22:00 in Shanghai, 16:00 UTC is the next day there
    ['2025-07-10T13:59:59.999Z', false],
    ['2025-07-10T14:00:00.000Z', true],
    ['2025-07-10T16:00:00.000Z', true],
    ['2025-07-10T23:59:59.999Z', true],
    ['2025-07-11T00:00:00.000Z', false]
  ])('%s is quiet: %s', (t, quiet) => {
    expect(isQuiet(at(t), QUIET, TZ)).toBe(quiet)
  })

  it('ends at the next 08:00, across midnight and across a month end', () => {
    expect(local(quietEnd(at('2025-07-10T22:30:00+08:00'), QUIET, TZ))).toBe('2025-07-11 08:00')
    expect(local(quietEnd(at('2025-07-31T23:00:00+08:00'), QUIET, TZ))).toBe('2025-08-01 08:00')
    expect(local(quietEnd(at('2025-08-01T03:00:00+08:00'), QUIET, TZ))).toBe('2025-08-01 08:00')
    expect(quietEnd(at('2025-07-10T12:00:00+08:00'), QUIET, TZ)).toBe(at('2025-07-10T12:00:00+08:00'))
  })

  it('handles quiet hours that do not span midnight', () => {
    const lunch = { start: '12:00', end: '13:30' }
    expect(isQuiet(at('2025-07-10T12:10:00+08:00'), lunch, TZ)).toBe(true)
    expect(isQuiet(at('2025-07-10T23:00:00+08:00'), lunch, TZ)).toBe(false)
    expect(local(quietEnd(at('2025-07-10T12:10:00+08:00'), lunch, TZ))).toBe('2025-07-10 13:30')
  })

  it('moves a reminder due at night to 08:00, unless 08:00 is after the deadline: then at once', () => {
    const deadline = at('2025-07-21T00:00:00+08:00')
    expect(local(fireTime(at('2025-07-14T00:00:00+08:00'), deadline, QUIET, TZ))).toBe('2025-07-14 08:00')
    expect(local(fireTime(at('2025-07-20T22:00:00+08:00'), deadline, QUIET, TZ))).toBe('2025-07-20 22:00')
    expect(local(fireTime(at('2025-07-20T15:00:00+08:00'), deadline, QUIET, TZ))).toBe('2025-07-20 15:00')
    expect(fireTime(at('2025-07-14T00:00:00+08:00'), deadline, null, TZ)).toBe(at('2025-07-14T00:00:00+08:00'))
  })
})

describe('milestones of the default policy', () => {
  it('are 7 d, 3 d, 1 d and 2 h before the enterprise deadline and 3 d, 1 d before the recommender deadline', () => {
    expect(milestones(def()).map((m) => [m.key, local(m.nominalAt), local(m.fireAt)])).toEqual([
      ['enterprise:7d', '2025-07-14 00:00', '2025-07-14 08:00'],
      ['enterprise:3d', '2025-07-18 00:00', '2025-07-18 08:00'],
      ['enterprise:1d', '2025-07-20 00:00', '2025-07-20 08:00'],
      ['enterprise:2h', '2025-07-20 22:00', '2025-07-20 22:00'],
      ['recommender:3d', '2025-07-23 00:00', '2025-07-23 08:00'],
      ['recommender:1d', '2025-07-25 00:00', '2025-07-25 08:00']
    ])
  })

  it('fire one per audience, at their time and not before', () => {
    const keys = (t: string) => dueMilestones(def(), at(t)).map((m) => m.key)
    expect(keys('2025-07-14T07:59:59.999+08:00')).toEqual([])
    expect(keys('2025-07-14T08:00:00+08:00')).toEqual(['enterprise:7d'])
    expect(keys('2025-07-17T21:59:00+08:00')).toEqual(['enterprise:7d'])
    // at night nothing goes: the 3 d reminder waits for 08:00
    expect(keys('2025-07-18T02:00:00+08:00')).toEqual([])
    expect(keys('2025-07-18T08:00:00+08:00')).toEqual(['enterprise:3d'])
    // the 2 h reminder goes at 22:00 although that is quiet: 08:00 would be after the deadline
    expect(keys('2025-07-20T22:00:00+08:00')).toEqual(['enterprise:2h'])
    expect(keys('2025-07-20T23:59:59.999+08:00')).toEqual(['enterprise:2h'])
    expect(keys('2025-07-21T00:00:00+08:00')).toEqual([])
    expect(keys('2025-07-23T09:00:00+08:00')).toEqual(['recommender:3d'])
    expect(keys('2025-07-26T00:00:00+08:00')).toEqual([])
  })

  it('cancels a milestone once a later one is due, so a late run never says "7 days left" three days before', () => {
    const seven = { audience: 'enterprise' as const, offset: '7d', deadlineAt: at('2025-07-21T00:00:00+08:00') }
    expect(milestoneState(def(), seven, at('2025-07-14T09:00:00+08:00'))).toBe('go')
    expect(milestoneState(def(), seven, at('2025-07-14T23:00:00+08:00'))).toBe('wait')
    expect(milestoneState(def(), seven, at('2025-07-18T08:00:00+08:00'))).toBe('cancel')
    expect(milestoneState(def(), seven, at('2025-07-13T09:00:00+08:00'))).toBe('wait')
  })
})

describe('a moved deadline', () => {
  const before = def()
  const moved = { ...before, deadlines: { enterprise: '2025-07-27', recommender: '2025-08-01' } }
  const sevenBefore = milestones(before).find((m) => m.key === 'enterprise:7d')!

  it('moves every milestone with it', () => {
    expect(milestones(moved).map((m) => [m.key, local(m.fireAt)])).toEqual([
      ['enterprise:7d', '2025-07-21 08:00'],
      ['enterprise:3d', '2025-07-25 08:00'],
      ['enterprise:1d', '2025-07-27 08:00'],
      ['enterprise:2h', '2025-07-27 22:00'],
      ['recommender:3d', '2025-07-30 08:00'],
      ['recommender:1d', '2025-08-01 08:00']
    ])
  })

  it('cancels what was planned for the old deadline and has not gone yet', () => {
    expect(milestoneState(moved, sevenBefore, at('2025-07-14T09:00:00+08:00'))).toBe('cancel')
    expect(dueMilestones(moved, at('2025-07-14T09:00:00+08:00'))).toEqual([])
    expect(dueMilestones(moved, at('2025-07-21T08:00:00+08:00')).map((m) => iso(m.deadlineAt))).toEqual([
      '2025-07-27T16:00:00.000Z'
    ])
  })

  it('brought forward, skips what is already too late and sends the one that fits', () => {
    const earlier = { ...before, deadlines: { enterprise: '2025-07-16', recommender: '2025-07-25' } }
    // 7 d and 3 d before 07-17 00:00 have both passed on 07-15: only the nearer one goes
    expect(dueMilestones(earlier, at('2025-07-15T10:00:00+08:00')).map((m) => m.key)).toEqual(['enterprise:3d'])
    expect(milestoneState(earlier, sevenBefore, at('2025-07-15T10:00:00+08:00'))).toBe('cancel')
  })
})

describe('a campaign’s own policy', () => {
  it('replaces the offsets and the quiet hours it names and keeps the rest', () => {
    const custom = def({ enterprise: ['14d', '30m'], quietHours: null })
    expect(reminderPolicy(custom)).toEqual({ enterprise: ['14d', '30m'], recommender: ['3d', '1d'], quietHours: null })
    expect(milestones(custom).filter((m) => m.audience === 'enterprise').map((m) => [m.key, local(m.fireAt)])).toEqual([
      ['enterprise:14d', '2025-07-07 00:00'],
      ['enterprise:30m', '2025-07-20 23:30']
    ])
  })

  it('may switch a reminder list off with an empty array', () => {
    expect(milestones(def({ recommender: [] })).some((m) => m.audience === 'recommender')).toBe(false)
  })

  it('is checked by the definition validator, with paths', () => {
    const good = { ...copy(cqJson), reminders: { enterprise: ['5d', '1d'], quietHours: { start: '21:30', end: '07:00' } } }
    expect(validateDefinition(good).ok).toBe(true)
    const bad = {
      ...copy(cqJson),
      reminders: { enterprise: ['7d', '7d', '7 days', '90d'], recommender: 'daily', quietHours: { start: '25:00', end: '08:00', tz: 'x' }, extra: 1 }
    }
    expect(inAnyOrder(problemsOf(bad))).toEqual(inAnyOrder([
      'reminders.extra: 未知的键',
      'reminders.enterprise[1]: 提前量“7d”重复',
      'reminders.enterprise[2]: 应为提前量，如 7d、2h、30m（最长60天）',
      'reminders.enterprise[3]: 应为提前量，如 7d、2h、30m（最长60天）',
      'reminders.recommender: 应为数组',
      'reminders.quietHours.tz: 未知的键',
      'reminders.quietHours.start: 应为时刻 HH:MM'
    ]))
  })
})

describe('what a reminder says', () => {
  const campaign = { title: '重庆市2026年度重点领域技术创新需求征集', timezone: TZ } as const
  const deadline = at('2025-07-21T00:00:00+08:00')

  it('names the campaign, the deadline and the time left, for a draft and for a returned demand', () => {
    const draft = reminderText(campaign, deadline, at('2025-07-14T08:00:00+08:00'), {
      audience: 'enterprise',
      demandTitle: '车规级MCU芯片',
      status: 'draft'
    })
    expect(draft.body).toBe(
      '「重庆市2026年度重点领域技术创新需求征集」需求填报将于2025年7月20日 24:00截止，距截止还剩6天16小时。您的需求“车规级MCU芯片”尚未提交，请尽快完善并提交。'
    )
    const returned = reminderText(campaign, deadline, at('2025-07-20T22:00:00+08:00'), { audience: 'enterprise', demandTitle: '', status: 'returned' })
    expect(returned.body).toContain('距截止还剩2小时')
    expect(returned.body).toContain('“未命名需求”已退回修改，尚未重新提交')
  })

  it('tells a recommending unit how many demands wait for it', () => {
    const t = reminderText(campaign, at('2025-07-26T00:00:00+08:00'), at('2025-07-23T08:00:00+08:00'), { audience: 'recommender', undecided: 3 })
    expect(t.title).toBe('推荐截止提醒')
    expect(t.body).toBe('「重庆市2026年度重点领域技术创新需求征集」推荐工作将于2025年7月25日 24:00截止，距截止还剩2天16小时。本单位还有3项需求尚未作出推荐决定，请及时处理。')
  })

  it('names the deadline day across a year end, and formats the time left', () => {
    const newYear = reminderText(campaign, at('2026-01-01T00:00:00+08:00'), at('2025-12-31T08:00:00+08:00'), { audience: 'enterprise', demandTitle: 'x', status: 'draft' })
    expect(newYear.body).toContain('将于2025年12月31日 24:00截止，距截止还剩16小时')
    expect([3 * 86_400_000, 86_400_000 + 3_600_000, 5 * 3_600_000 + 20 * 60_000, 2 * 3_600_000, 12 * 60_000, 59_999, -5].map(formatTimeLeft)).toEqual([
      '3天', '1天1小时', '5小时20分钟', '2小时', '12分钟', '不到1分钟', '不到1分钟'
    ])
  })
})
