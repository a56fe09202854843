/**
 * Starting a demand from a campaign's page, as an enterprise whose profile has never been
 * filled in (an account no other test signs in with, from test/support/idp-accounts.json):
 * refused with the reason and the way to the profile, nothing created; once the profile is
 * complete, the same page creates the draft and opens its wizard.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { CAMPAIGN, call, completeProfile, serverDemand, signInThroughApp } from './support/wizard'

const FIRST_TIMER = 'ent-first-time'

beforeAll(() => {
  // jsdom has no layout: Taro's ScrollView calls scrollIntoView, which jsdom lacks.
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
})

afterEach(() => jest.restoreAllMocks())

it('says the profile is incomplete and creates nothing, then opens the wizard once the profile is complete', async () => {
  const token = await signInThroughApp(FIRST_TIMER)
  const { container } = render(<CampaignDetailScreen id={CAMPAIGN} />, {})
  const button = () => container.querySelector('.start-demand__button')
  await eventually(() => expect(button()?.textContent).toBe('发起需求'))

  tap(button()!)
  const problem = await eventually(() => {
    const p = container.querySelector('[data-testid="start-demand-problem"]')
    expect(p?.textContent).toContain('请先完善单位信息')
    return p!
  })
  expect(problem.getAttribute('role')).toBe('alert')
  expect(problem.textContent).toContain('去完善单位信息')
  expect((await call(token, 'GET', '/api/demands')).body).toEqual({ demands: [] })

  await completeProfile(token)
  // Opening a page is the platform's business: watch the request, do not follow it.
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  tap(button()!)
  await eventually(() => expect(navigate).toHaveBeenCalled())
  const url = (navigate.mock.calls[0][0] as { url: string }).url
  expect(url).toMatch(/^\/packages\/demand\/pages\/wizard\/index\?id=[0-9a-f-]{36}$/)
  const created = await serverDemand(token, url.split('id=')[1])
  expect(created.campaignId).toBe(CAMPAIGN)
  expect(created.status).toBe('draft')
  expect(container.querySelector('[data-testid="start-demand-problem"]')).toBeNull()
})
