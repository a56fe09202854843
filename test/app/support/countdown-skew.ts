/**
 * The phone's clock is wrong (the countdown-skew tests): the jsdom clock is set 30 days ahead,
 * further than any demo deadline, so a countdown drawn from the phone's clock would say 已截止;
 * drawn from the server's clock it still counts down. Each test file has its own app modules,
 * so each learns the server time afresh.
 */
import { countdown, formatCountdown } from '../../../types/time'
import type { CampaignSummary } from '../../../types/domain'
import { serverGet, serverTime } from './server'

export const SKEW = 30 * 86_400_000

/** An open demo campaign, as the server lists it, and its enterprise deadline. */
export async function openDemo(): Promise<{ demo: CampaignSummary; deadline: number }> {
  const { campaigns } = await serverGet<{ campaigns: CampaignSummary[] }>('/api/campaigns')
  const demo = campaigns.find((c) => c.isDemo && c.status === 'open')!
  return { demo, deadline: Date.parse(demo.enterpriseDeadlineAt) }
}

/** What the countdown to `deadline` may read now by the server's clock (this second or the one before). */
export async function expectedNow(deadline: number): Promise<string[]> {
  const now = await serverTime()
  return [formatCountdown(countdown(deadline, now)), formatCountdown(countdown(deadline, now - 1500))]
}

/** The phone's clock set to `now`, timers still running in real time; back to the real clock after the test. */
export function setPhoneClock(now: number): void {
  jest.useFakeTimers({ now, advanceTimers: true, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] })
}
afterEach(() => {
  jest.useRealTimers()
})
