/**
 * The overview's pure rules: return reasons into themes by keyword, and submissions into
 * Asia/Shanghai campaign days against the deadline (never the machine's zone).
 */
import { MAX_CHART_DAYS, RETURN_THEMES, countThemes, dailySubmissions, themeOf, type ReturnTheme } from '../../types/overview'

const at = (iso: string) => Date.parse(iso)
const hour = (iso: string, first: number, again = 0) => ({ hour: at(iso), first, again })

describe('themeOf', () => {
  it.each([
    ['请量化关键技术指标，写明现状值和目标值', '指标不量化'],
    ['“国内领先”没有对比数据', '指标不量化'],
    ['请补充量化的考核指标', '指标不量化'], // figures first, though it also asks to 补充
    ['缺少加盖公章的承诺书扫描件', '材料缺失'],
    ['请上传营业执照', '材料缺失'],
    ['所报内容不属于本次征集范围', '不属于征集范围'],
    ['与本区重点产业方向不符合', '不属于征集范围'],
    ['请补充功能安全认证计划', '信息不全'],
    ['研究内容过于简单', '信息不全'],
    ['请改由市经济信息委推荐', '其他'],
    ['  ', '其他']
  ])('%s → %s', (reason, label) => {
    expect(themeOf(reason).label).toBe(label)
  })

  it('ignores white space inside the words', () => {
    expect(themeOf('请 量 化').label).toBe('指标不量化')
  })

  it('follows the rules it is given (data, not code)', () => {
    const themes: ReturnTheme[] = [{ id: 'seal', label: '未盖章', keywords: ['盖章'] }]
    expect(themeOf('缺少盖章', themes)).toEqual({ id: 'seal', label: '未盖章' })
    expect(themeOf('请量化指标', themes)).toEqual({ id: 'other', label: '其他' })
  })
})

describe('countThemes', () => {
  it('lists every theme in order, 其他 last, adds the counts and keeps the most frequent reasons as examples', () => {
    const themes = countThemes([
      { reason: '请补充联系人', n: 1 },
      { reason: '请量化指标', n: 4 },
      { reason: '缺少附件', n: 2 },
      { reason: '请写明目标值', n: 5 },
      { reason: '其他原因', n: 1 }
    ])
    expect(themes.map((t) => t.label)).toEqual([...RETURN_THEMES.map((t) => t.label), '其他'])
    expect(themes.map((t) => t.count)).toEqual([9, 2, 0, 1, 1])
    expect(themes[0].examples).toEqual(['请写明目标值', '请量化指标'])
    expect(themes[2].examples).toEqual([])
  })
})

describe('dailySubmissions', () => {
  const now = at('2025-07-21T09:00:00+08:00') // after the deadline

  it('counts by Shanghai day, fills days without any and ends on the deadline day', () => {
    const d = dailySubmissions(
      [
        hour('2025-07-14T10:00:00+08:00', 2),
        hour('2025-07-15T00:00:00+08:00', 1), // 16:00 UTC on the 14th: the 15th in Shanghai
        hour('2025-07-17T09:00:00+08:00', 0, 1)
      ],
      '2025-07-20',
      'Asia/Shanghai',
      now
    )
    expect(d.days).toEqual([
      { day: '2025-07-14', first: 2, again: 0 },
      { day: '2025-07-15', first: 1, again: 0 },
      { day: '2025-07-16', first: 0, again: 0 },
      { day: '2025-07-17', first: 0, again: 1 },
      { day: '2025-07-18', first: 0, again: 0 },
      { day: '2025-07-19', first: 0, again: 0 },
      { day: '2025-07-20', first: 0, again: 0 }
    ])
    expect(d.total).toBe(4)
    expect(d.deadlineDay).toBe('2025-07-20')
  })

  it('counts the deadline evening (from 18:00 Shanghai) as the last-evening rush', () => {
    const d = dailySubmissions(
      [hour('2025-07-20T17:00:00+08:00', 1), hour('2025-07-20T18:00:00+08:00', 2), hour('2025-07-20T23:00:00+08:00', 3, 1), hour('2025-07-19T20:00:00+08:00', 5)],
      '2025-07-20',
      'Asia/Shanghai',
      now
    )
    expect(d.lastEvening).toBe(6)
    expect(d.days.at(-1)).toEqual({ day: '2025-07-20', first: 6, again: 1 })
  })

  it('ends today while the deadline is ahead, and shows one empty day when nothing came in', () => {
    const early = at('2025-07-10T08:00:00+08:00')
    expect(dailySubmissions([hour('2025-07-08T10:00:00+08:00', 1)], '2025-07-20', 'Asia/Shanghai', early).days.map((d) => d.day)).toEqual([
      '2025-07-08',
      '2025-07-09',
      '2025-07-10'
    ])
    expect(dailySubmissions([], '2025-07-20', 'Asia/Shanghai', early)).toEqual({
      days: [{ day: '2025-07-10', first: 0, again: 0 }],
      deadlineDay: '2025-07-20',
      total: 0,
      lastEvening: 0
    })
  })

  it('keeps the last days of a long campaign, and all of them in the total', () => {
    const d = dailySubmissions([hour('2025-01-01T10:00:00+08:00', 1), hour('2025-07-20T10:00:00+08:00', 1)], '2025-07-20', 'Asia/Shanghai', now)
    expect(d.days).toHaveLength(MAX_CHART_DAYS)
    expect(d.days.at(-1)?.day).toBe('2025-07-20')
    expect(d.total).toBe(2)
  })
})
