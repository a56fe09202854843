/** The phone's clock is wrong: countdowns still follow the server, also when it jumps after the server time was fetched. */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import { CampaignListScreen } from '../../src/features/campaigns'
import { expectedNow, openDemo, setPhoneClock, SKEW } from './support/countdown-skew'
import { eventually } from './support/eventually'

it('keeps counting from server time when the phone clock jumps after the server time was fetched', async () => {
  setPhoneClock(Date.now())
  const { demo, deadline } = await openDemo()

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
