/** The phone's clock is wrong: countdowns still follow the server, also when it was wrong before the server time was fetched. */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { countdown } from '../../types/time'
import { CampaignListScreen } from '../../src/features/campaigns'
import { expectedNow, openDemo, setPhoneClock, SKEW } from './support/countdown-skew'
import { eventually } from './support/eventually'
import { serverTime } from './support/server'

it('counts down from server time when the phone clock is days ahead (skewed before the server time is fetched)', async () => {
  const { demo, deadline } = await openDemo()
  expect(deadline - (await serverTime())).toBeLessThan(SKEW) // the skew passes the deadline

  // The phone’s clock runs 30 days ahead; timers still run in real time.
  setPhoneClock(Date.now() + SKEW)
  expect(countdown(deadline, Date.now()).done).toBe(true) // what the phone's clock alone would say

  const { container } = render(<CampaignListScreen />, {})
  await eventually(() => expect(container.querySelector(`[data-campaign-id="${demo.id}"]`)).not.toBeNull())
  const el = container.querySelector(`[data-campaign-id="${demo.id}"]`)!
  const shown = el.querySelector('[data-testid="countdown"]')?.textContent
  expect(await expectedNow(deadline)).toContain(shown)
  expect(shown).not.toBe('已截止')
  expect(el.querySelector('.campaign-tag--open')?.textContent).toBe('征集中')
})
