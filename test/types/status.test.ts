import type { DemandStatus, Role } from '../../types/domain'
import { allowedActions, canTransition, checkAction, nextActions, statusSteps, type DeadlineContext } from '../../types/status'

const STATUSES: DemandStatus[] = ['draft', 'submitted', 'reviewing', 'returned', 'recommended', 'not_recommended', 'selected', 'not_selected']
const ROLES: Role[] = ['enterprise', 'recommender', 'bureau']

// Chongqing 2026: enterprises until 2025-07-20, recommending units until 2025-07-25 (inclusive, Shanghai).
const at = (iso: string): DeadlineContext => ({
  now: Date.parse(iso),
  enterpriseDeadline: '2025-07-20',
  recommenderDeadline: '2025-07-25',
  timezone: 'Asia/Shanghai'
})
const DURING = at('2025-07-08T10:00:00+08:00')
const BETWEEN = at('2025-07-21T00:00:00.000+08:00')
const AFTER = at('2025-07-26T00:00:00.000+08:00')

describe('canTransition', () => {
  const legal: Array<[DemandStatus, DemandStatus, Role]> = [
    ['draft', 'submitted', 'enterprise'],
    ['returned', 'submitted', 'enterprise'],
    ['submitted', 'submitted', 'enterprise'], // a revision resubmitted before the review starts
    ['submitted', 'reviewing', 'recommender'],
    ['submitted', 'returned', 'recommender'],
    ['reviewing', 'returned', 'recommender'],
    ['reviewing', 'recommended', 'recommender'],
    ['reviewing', 'not_recommended', 'recommender'],
    ['recommended', 'not_recommended', 'recommender'],
    ['not_recommended', 'recommended', 'recommender'],
    ['recommended', 'selected', 'bureau'],
    ['recommended', 'not_selected', 'bureau'],
    ['selected', 'not_selected', 'bureau']
  ]
  it.each(legal)('%s → %s by %s is legal', (from, to, role) => {
    expect(canTransition(from, to, role)).toBe(true)
  })

  const illegal: Array<[DemandStatus, DemandStatus, Role]> = [
    ['draft', 'reviewing', 'recommender'], // a draft is never seen by the unit
    ['draft', 'recommended', 'recommender'],
    ['reviewing', 'submitted', 'enterprise'], // locked while the unit reviews
    ['recommended', 'submitted', 'enterprise'],
    ['returned', 'recommended', 'recommender'], // must be resubmitted first
    ['recommended', 'returned', 'recommender'],
    ['submitted', 'recommended', 'enterprise'], // nobody recommends themselves
    ['submitted', 'recommended', 'bureau'],
    ['reviewing', 'selected', 'bureau'], // only recommended demands are decided
    ['not_recommended', 'selected', 'bureau'],
    ['recommended', 'selected', 'recommender'],
    ['selected', 'draft', 'enterprise'],
    ['submitted', 'draft', 'enterprise']
  ]
  it.each(illegal)('%s → %s by %s is refused', (from, to, role) => {
    expect(canTransition(from, to, role)).toBe(false)
  })

  it('allows exactly the machine of issue 6 and nothing else, over every status, target and role', () => {
    const all: string[] = []
    for (const from of STATUSES)
      for (const to of STATUSES)
        for (const role of ROLES) if (canTransition(from, to, role)) all.push(`${role}: ${from} → ${to}`)
    expect(all.sort()).toEqual(
      [
        'enterprise: draft → submitted',
        'enterprise: submitted → submitted',
        'enterprise: returned → submitted',
        'recommender: submitted → reviewing',
        'recommender: submitted → returned',
        'recommender: reviewing → returned',
        'recommender: submitted → recommended',
        'recommender: reviewing → recommended',
        'recommender: not_recommended → recommended',
        'recommender: submitted → not_recommended',
        'recommender: reviewing → not_recommended',
        'recommender: recommended → not_recommended',
        'bureau: recommended → selected',
        'bureau: not_selected → selected',
        'bureau: recommended → not_selected',
        'bureau: selected → not_selected'
      ].sort()
    )
  })
})

describe('allowedActions', () => {
  it('lists what each role may do, time aside', () => {
    expect(allowedActions('draft', 'enterprise')).toEqual(['edit', 'submit'])
    expect(allowedActions('reviewing', 'enterprise')).toEqual([])
    expect(allowedActions('reviewing', 'recommender')).toEqual(['return', 'recommend', 'not_recommend'])
    expect(allowedActions('recommended', 'recommender')).toEqual(['not_recommend', 'rerank'])
    expect(allowedActions('recommended', 'bureau')).toEqual(['select', 'not_select'])
    expect(allowedActions('returned', 'recommender')).toEqual([])
  })
})

describe('checkAction and the deadlines', () => {
  it('refuses an illegal action with a Chinese message naming the status', () => {
    expect(checkAction('recommend', 'returned', 'recommender', DURING)).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: '需求当前状态为“已退回修改”，不能推荐'
    })
  })

  it('allows returning for revision until the enterprise deadline, then refuses it clearly', () => {
    expect(checkAction('return', 'reviewing', 'recommender', at('2025-07-20T23:59:59.999+08:00'))).toEqual({ ok: true, to: 'returned' })
    expect(checkAction('return', 'reviewing', 'recommender', BETWEEN)).toEqual({
      ok: false,
      code: 'DEADLINE_PASSED',
      message: '企业填报已于2025年7月20日 24:00截止，退回后企业无法再修改提交，不能退回；请直接推荐或不予推荐'
    })
    // recommending is still possible between the two deadlines
    expect(checkAction('recommend', 'reviewing', 'recommender', BETWEEN)).toEqual({ ok: true, to: 'recommended' })
  })

  it('allows recommender actions through the last day of its deadline (Shanghai), then nothing', () => {
    const lastMs = at('2025-07-25T23:59:59.999+08:00')
    expect(checkAction('recommend', 'submitted', 'recommender', lastMs).ok).toBe(true)
    expect(checkAction('rerank', 'recommended', 'recommender', lastMs).ok).toBe(true)
    for (const [action, status] of [['recommend', 'submitted'], ['not_recommend', 'recommended'], ['rerank', 'recommended'], ['review', 'submitted']] as const) {
      expect(checkAction(action, status, 'recommender', AFTER)).toEqual({
        ok: false,
        code: 'RECOMMENDER_DEADLINE_PASSED',
        message: '推荐已于2025年7月25日 24:00截止，推荐结果只能查看，不能再修改'
      })
    }
  })

  it('lets the enterprise resubmit a returned demand only before its deadline', () => {
    expect(checkAction('submit', 'returned', 'enterprise', DURING)).toEqual({ ok: true, to: 'submitted' })
    expect(checkAction('submit', 'returned', 'enterprise', BETWEEN)).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' })
  })

  it('takes the bureau’s outcome only once the ranking is final', () => {
    expect(checkAction('select', 'recommended', 'bureau', DURING)).toMatchObject({ ok: false, code: 'TOO_EARLY' })
    expect(checkAction('select', 'recommended', 'bureau', AFTER)).toEqual({ ok: true, to: 'selected' })
  })
})

describe('nextActions', () => {
  it('tells the enterprise of a returned demand what to do and until when', () => {
    const next = nextActions('returned', 'enterprise', DURING)
    expect(next.readOnly).toBe(false)
    expect(next.actions).toEqual([
      { action: 'edit', label: '修改需求', until: '2025-07-20T16:00:00.000Z', untilText: '2025年7月20日 24:00' },
      { action: 'submit', label: '提交', until: '2025-07-20T16:00:00.000Z', untilText: '2025年7月20日 24:00' }
    ])
    expect(next.message).toBe('已被退回修改，请按退回原因修改后在2025年7月20日 24:00前重新提交')
  })

  it('is read-only for the enterprise after its deadline, and says so', () => {
    const next = nextActions('returned', 'enterprise', BETWEEN)
    expect(next).toEqual({ actions: [], readOnly: true, message: '已被退回修改，但填报已于2025年7月20日 24:00截止，需求只能查看，不能再修改' })
    expect(nextActions('reviewing', 'enterprise', DURING).readOnly).toBe(true)
  })

  it('gives the recommender return until the enterprise deadline and the rest until its own', () => {
    const next = nextActions('reviewing', 'recommender', DURING)
    expect(next.actions.map((a) => [a.action, a.untilText])).toEqual([
      ['return', '2025年7月20日 24:00'],
      ['recommend', '2025年7月25日 24:00'],
      ['not_recommend', '2025年7月25日 24:00']
    ])
    expect(nextActions('reviewing', 'recommender', BETWEEN).actions.map((a) => a.action)).toEqual(['recommend', 'not_recommend'])
    expect(nextActions('recommended', 'recommender', AFTER)).toEqual({ actions: [], readOnly: true, message: '推荐已于2025年7月25日 24:00截止，只能查看' })
  })

  it('gives the bureau the outcome without a deadline once the ranking is final', () => {
    expect(nextActions('recommended', 'bureau', DURING).actions).toEqual([])
    expect(nextActions('recommended', 'bureau', AFTER).actions).toEqual([
      { action: 'select', label: '入选', until: null, untilText: null },
      { action: 'not_select', label: '未入选', until: null, untilText: null }
    ])
  })
})

describe('statusSteps', () => {
  it('highlights the current step and marks the ones before as done', () => {
    expect(statusSteps('returned').map((s) => [s.key, s.state, s.status])).toEqual([
      ['submitted', 'done', null],
      ['review', 'current', 'returned'],
      ['recommendation', 'todo', null],
      ['outcome', 'todo', null]
    ])
    expect(statusSteps('draft').every((s) => s.state === 'todo')).toBe(true)
    expect(statusSteps('selected').map((s) => s.state)).toEqual(['done', 'done', 'done', 'current'])
  })
})
