/**
 * Starting a demand from a campaign's page, as an enterprise whose profile has never been
 * filled in (an account no other test signs in with, from test/support/idp-accounts.json):
 * refused with the reason and the way to the profile, nothing created; the profile, once saved,
 * leads back to the campaign, whose page then creates the draft and opens its wizard.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { ProfileScreen } from '../../src/features/profile'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { CAMPAIGN, call, completeProfile, serverDemand, signInThroughApp } from './support/wizard'

const FIRST_TIMER = 'ent-first-time'

beforeAll(() => {
  // jsdom has no layout: Taro's ScrollView calls scrollIntoView, which jsdom lacks.
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
})

afterEach(() => jest.restoreAllMocks())

function found(container: Element, selector: string): Element {
  const el = container.querySelector(selector)
  expect(el).not.toBeNull()
  return el!
}

it('says the profile is incomplete and creates nothing; the saved profile leads back, and the campaign then opens the wizard', async () => {
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
  expect((await call(token, 'GET', '/api/demands')).body).toEqual({ demands: [] })

  // Opening a page is the platform's business: watch the request, do not follow it.
  const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  // 去完善单位信息 opens 我的, a tab; once the details are saved there, it leads back here.
  const toProfile = problem.querySelector('[role="link"]')!
  expect(toProfile.textContent).toBe('去完善单位信息 ›')
  tap(toProfile)
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/profile/index' })
  await completeProfile(token)
  const profile = render(<ProfileScreen />, {})
  expect(profile.container.querySelector('[data-testid="profile-back"]')).toBeNull()
  tap(await eventually(() => found(profile.container, '.profile-form__save')))
  const back = await eventually(() => found(profile.container, '[data-testid="profile-back"]'))
  const { title } = (await call(token, 'GET', `/api/campaigns/${CAMPAIGN}`)).body as { title: string }
  expect(back.textContent).toBe(`单位信息已保存，可以继续发起需求返回征集：${title} ›`)
  tap(back)
  expect(navigate).toHaveBeenCalledWith({ url: `/pages/campaign/index?id=${CAMPAIGN}` })
  expect(profile.container.querySelector('[data-testid="profile-back"]')).toBeNull()
  // offered once: a later save of the details does not offer it again
  tap(profile.container.querySelector('.profile-form__save')!)
  await eventually(() => expect(profile.container.querySelector('.profile-form__save')?.textContent).toBe('保存'))
  expect(profile.container.querySelector('[data-testid="profile-back"]')).toBeNull()
  profile.unmount()

  navigate.mockClear()
  tap(button()!)
  await eventually(() => expect(navigate).toHaveBeenCalled())
  const url = (navigate.mock.calls[0][0] as { url: string }).url
  expect(url).toMatch(/^\/packages\/demand\/pages\/wizard\/index\?id=[0-9a-f-]{36}$/)
  const created = await serverDemand(token, url.split('id=')[1])
  expect(created.campaignId).toBe(CAMPAIGN)
  expect(created.status).toBe('draft')
  expect(container.querySelector('[data-testid="start-demand-problem"]')).toBeNull()
})
