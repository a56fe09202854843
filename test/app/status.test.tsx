/**
 * The enterprise's status page against the real server, along one demand's journey:
 * submitted → opened by 两江新区 (审核中) → returned with a reason (the page says what to do
 * and until when, and offers the revision) → revised and resubmitted (第2版) → recommended
 * with a rank (只能查看). Times are checked in Shanghai time against Intl's own conversion.
 * Only navigation (a platform API) is spied on.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { DemandListScreen } from '../../src/features/demands'
import { StatusScreen } from '../../src/features/status'
import { startTokenSession } from '../../src/services/session'
import type { DemandStatusView } from '../../types/recommend'
import { intlShanghai, pad2 } from '../support/intl-shanghai'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import {
  api,
  ENTERPRISE,
  openAndRecommend,
  openAndReturn,
  RECOMMENDER,
  reviseAndResubmit,
  submitNewDemand,
  tokenFor,
  UNIT_NAME
} from './support/journey'

const TITLE = `进度页测试：功能安全MCU${Date.now() % 100000}`
const REASON = '请补充产业化前景中的市场规模测算依据，并明确应用主体的合作方式。\n另：附件中的指标表与正文不一致。'

let enterprise: string
let recommender: string
let id: string
let enterpriseName: string

/** “2026年3月5日 14:05” computed by Intl (not by the app's code). */
function shanghai(iso: string): string {
  const p = intlShanghai(iso)
  return `${p.year}年${p.month}月${p.day}日 ${pad2(p.hour)}:${pad2(p.minute)}`
}

async function renderStatus() {
  const view = render(<StatusScreen id={id} />, {})
  await eventually(() => expect(view.container.querySelector('[data-testid="status-label"]')).not.toBeNull())
  return view
}

const entries = (root: Element) => Array.from(root.querySelectorAll<HTMLElement>('.timeline-entry'))

beforeAll(async () => {
  ;[enterprise, recommender] = await Promise.all([tokenFor(ENTERPRISE), tokenFor(RECOMMENDER)])
  id = await submitNewDemand(enterprise, TITLE)
  enterpriseName = (await api<{ enterpriseName: string }>(enterprise, 'GET', '/api/profile')).enterpriseName
  await openAndReturn(recommender, id, REASON)
  startTokenSession(enterprise)
})

afterEach(() => jest.restoreAllMocks())

it('after a return: the timeline with time, unit and reason, the review step highlighted, and what to do until when', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
  const server = await api<DemandStatusView>(enterprise, 'GET', `/api/demands/${id}/status`)
  const { container } = await renderStatus()

  expect(container.querySelector('[data-testid="status-label"]')?.textContent).toBe('已退回修改')
  expect(container.textContent).toContain(TITLE)
  expect(container.textContent).toContain(`推荐单位：${UNIT_NAME}`)

  // Steps: 已提交 done, 推荐单位审核 current (已退回修改), the rest to come.
  const steps = Array.from(container.querySelectorAll('.status-step'))
  expect(steps.map((s) => s.className.match(/status-step--(\w+)/)![1])).toEqual(['done', 'current', 'todo', 'todo'])
  expect(steps[1].getAttribute('aria-current')).toBe('step')
  expect(steps[1].textContent).toContain('已退回修改')

  // Timeline, newest first: 退回修改 (current) ← 推荐单位开始审核 ← 提交需求.
  const list = entries(container)
  expect(list.map((e) => e.getAttribute('data-action'))).toEqual(['return', 'review', 'submit'])
  expect(list[0].classList.contains('is-current')).toBe(true)
  const returned = server.timeline.find((e) => e.action === 'return')!
  expect(list[0].textContent).toContain(shanghai(returned.at))
  expect(list[0].textContent).toContain(UNIT_NAME)
  expect(list[0].querySelector('.timeline-entry__reason-label')?.textContent).toBe('退回原因')
  expect(list[0].querySelector('.timeline-entry__reason-text')?.textContent).toBe(REASON)
  expect(list[2].textContent).toContain(enterpriseName)
  expect(list[2].textContent).toContain(shanghai(server.timeline[0].at))

  // What the enterprise can do now, and until when (the server's nextActions).
  const next = container.querySelector('[data-testid="next-actions"]')!
  expect(next.getAttribute('data-read-only')).toBe('false')
  expect(next.textContent).toContain(server.next.message)
  const edit = server.next.actions.find((a) => a.action === 'edit')!
  expect(edit.untilText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 24:00$/)
  expect(next.textContent).toContain(`修改需求、提交：可至 ${edit.untilText}`)

  tap(next.querySelector('.status-next__button')!)
  await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: `/packages/demand/pages/wizard/index?id=${id}` }))

  // The thread (where the reason is, to answer) is one tap away.
  tap(Array.from(container.querySelectorAll('.status-links__item')).find((e) => e.textContent?.includes('留言'))!)
  await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: `/packages/demand/pages/thread/index?id=${id}` }))
})

it('after resubmission and recommendation: 已推荐 with its rank, every change on the timeline, and nothing left to change', async () => {
  await reviseAndResubmit(enterprise, id, `${TITLE}（修改稿）`)
  const { rank } = await openAndRecommend(recommender, id)
  expect(rank).toBeGreaterThanOrEqual(1)

  const { container } = await renderStatus()
  expect(container.querySelector('[data-testid="status-label"]')?.textContent).toBe('已推荐')
  expect(container.querySelector('[data-testid="rank"]')?.textContent).toBe(`推荐排序第 ${rank} 位`)

  const list = entries(container)
  expect(list.map((e) => e.getAttribute('data-action'))).toEqual(['recommend', 'review', 'submit', 'return', 'review', 'submit'])
  expect(list[0].classList.contains('is-current')).toBe(true)
  expect(list[0].textContent).toContain(`推荐（第${rank}位）`)
  expect(list[0].querySelector('.timeline-entry__rank')?.textContent).toBe(`推荐排序：第 ${rank} 位`)
  expect(list[2].textContent).toContain('重新提交（第2版）')
  // the earlier return keeps its reason
  expect(list[3].querySelector('.timeline-entry__reason-text')?.textContent).toBe(REASON)

  const steps = Array.from(container.querySelectorAll('.status-step'))
  expect(steps.map((s) => s.className.match(/status-step--(\w+)/)![1])).toEqual(['done', 'done', 'current', 'todo'])

  // Decided: the page says plainly that nothing can be changed, and offers no change.
  const next = container.querySelector('[data-testid="next-actions"]')!
  expect(next.getAttribute('data-read-only')).toBe('true')
  expect(next.textContent).toContain('只能查看')
  expect(next.textContent).toContain('不能再修改')
  expect(next.querySelector('.status-next__button')).toBeNull()
})

it('我的需求 opens the status page of a submitted demand', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
  const { container } = render(<DemandListScreen />, {})
  const item = await eventually(() => {
    const el = container.querySelector(`[data-demand-id="${id}"]`)
    if (!el) throw new Error('not listed yet')
    return el
  })
  expect(item.textContent).toContain('已推荐')
  tap(item)
  await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: `/packages/demand/pages/status/index?id=${id}` }))
})

it('answers 未找到该需求 for a demand that is not the enterprise’s', async () => {
  const view = render(<StatusScreen id='00000000-0000-4000-8000-000000000000' />, {})
  await eventually(() => expect(view.container.textContent).toContain('未找到该需求'))
})
