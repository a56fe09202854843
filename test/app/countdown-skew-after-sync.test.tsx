/**
 * The phone's clock is wrong: countdowns still follow the server. The jsdom clock is set
 * 30 days ahead, further than any demo deadline, so a countdown drawn from the phone's
 * clock would say 已截止; drawn from the server's clock it still counts down.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
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

it('keeps counting from server time when the phone clock jumps after the server time was fetched', async () => {
  jest.useFakeTimers({ now: Date.now(), advanceTimers: true, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] })
  const { campaigns } = await serverGet<{ campaigns: CampaignSummary[] }>('/api/campaigns')
  const demo = campaigns.find((c) => c.isDemo && c.status === 'open')!
  const deadline = Date.parse(demo.enterpriseDeadlineAt)

  const { container } = render(<CampaignListScreen />, {})
  await eventually(() => expect(container.querySelector(`[data-campaign-id="${demo.id}"] [data-testid="countdown"]`)).not.toBeNull())

  // The person changes the phone's date 20 days ahead; the next ticks still show server time.
  act(() => {
    jest.setSystemTime(Date.now() + SKEW)
  })
  await act(async () => {
    jest.advanceTimersByTime(2000)
  })
  await eventually(async () => {
    const shown = container.querySelector(`[data-campaign-id="${demo.id}"] [data-testid="countdown"]`)?.textContent
    expect(await expectedNow(deadline)).toContain(shown)
  })
  const el = container.querySelector(`[data-campaign-id="${demo.id}"]`)!
  expect(el.querySelector('.campaign-tag--open')?.textContent).toBe('征集中')
})
