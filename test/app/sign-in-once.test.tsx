/**
 * A visitor sent to sign in gets one sign-in page: a second tap while the first is opening, or
 * a tap with the sign-in page already on top, opens no other one (each would stack a sign-in
 * page the person must back out of).
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { CAMPAIGN } from './support/wizard'

afterEach(() => jest.restoreAllMocks())

it('opens one sign-in page for a double tap on 登录后发起需求, and none while it is on top', async () => {
  const { container } = render(<CampaignDetailScreen id={CAMPAIGN} />, {})
  const button = await eventually(() => {
    const b = container.querySelector('.start-demand__button')
    expect(b?.textContent).toBe('登录后发起需求')
    return b!
  })

  // a page takes a moment to open: the second tap comes while the first is still opening
  let opened: () => void = () => undefined
  const navigate = jest
    .spyOn(Taro, 'navigateTo')
    .mockImplementation(() => new Promise((resolve) => (opened = () => resolve({ errMsg: 'navigateTo:ok' }))))
  tap(button)
  tap(button)
  expect(navigate).toHaveBeenCalledTimes(1)
  expect(navigate).toHaveBeenCalledWith({ url: `/pages/login/index?returnTo=${encodeURIComponent(`/pages/campaign/index?id=${CAMPAIGN}`)}` })
  opened()
  await new Promise((resolve) => setTimeout(resolve, 0))

  // the sign-in page is on top now: a tap that reaches the page below opens no second one
  const pages = jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([
    { route: 'pages/campaign/index', options: { id: CAMPAIGN } },
    { route: 'pages/login/index', options: { returnTo: `/pages/campaign/index?id=${CAMPAIGN}` } }
  ] as never)
  tap(button)
  expect(navigate).toHaveBeenCalledTimes(1)

  // back on the campaign (the sign-in page closed): the button opens it again
  pages.mockReturnValue([{ route: 'pages/campaign/index', options: { id: CAMPAIGN } }] as never)
  tap(button)
  expect(navigate).toHaveBeenCalledTimes(2)
})
