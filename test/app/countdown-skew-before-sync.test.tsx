/**
 * The phone's clock is wrong: countdowns still follow the server. The jsdom clock is set
 * 30 days ahead, further than any demo deadline, so a countdown drawn from the phone's
 * clock would say 已截止; drawn from the server's clock it still counts down.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { countdown, formatCountdown } from '../../types/time'
import type { CampaignSummary } from '../../types/domain'
import { CampaignListScreen } from '../../src/features/campaigns'
import { eventually } from './support/eventually'
import { serverGet, serverTime } from './support/server'

const DAY = 86_400_000
const SKEW = 30 * DAY

async function expectedNow(deadline: number): Promise<string[]> {
  const now = await serverTime()
  return [formatCountdown(countdown(deadline, now)), formatCountdown(countdown(deadline, now - 1500))]
}

afterEach(() => {
  jest.useRealTimers()
})

it('counts down from server time when the phone clock is days ahead (skewed before the server time is fetched)', async () => {
  const { campaigns } = await serverGet<{ campaigns: CampaignSummary[] }>('/api/campaigns')
  const demo = campaigns.find((c) => c.isDemo && c.status === 'open')!
  const deadline = Date.parse(demo.enterpriseDeadlineAt)
  expect(deadline - (await serverTime())).toBeLessThan(SKEW) // the skew passes the deadline

  // The phone’s clock runs 30 days ahead; timers still run in real time.
  jest.useFakeTimers({ now: Date.now() + SKEW, advanceTimers: true, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] })
  expect(countdown(deadline, Date.now()).done).toBe(true) // what the phone's clock alone would say

  const { container } = render(<CampaignListScreen />, {})
  await eventually(() => expect(container.querySelector(`[data-campaign-id="${demo.id}"]`)).not.toBeNull())
  const el = container.querySelector(`[data-campaign-id="${demo.id}"]`)!
  const shown = el.querySelector('[data-testid="countdown"]')?.textContent
  expect(await expectedNow(deadline)).toContain(shown)
  expect(shown).not.toBe('已截止')
  expect(el.querySelector('.campaign-tag--open')?.textContent).toBe('征集中')
})
