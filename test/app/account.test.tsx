/**
 * Agreements and 账号与数据 against the real server: the sign-in screen's unchecked box (the
 * web-view opens only once it is ticked, carrying the agreements, which the server records with
 * their versions); a session without them is sent to the agreements (CONSENT_REQUIRED) and agrees
 * there; the data export shows what the privacy policy lists; 注销 removes what it says and keeps
 * what it says. Mini-program mode (TARO_ENV_JEST=weapp): the export is shown on the page.
 * `ent-leaving` is this file's own account (test/support/idp-accounts.json): it is deleted here.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { AGREEMENTS } from '../../types/agreements'
import { AccountDataScreen, ConsentScreen } from '../../src/features/account'
import { installConsentGate } from '../../src/features/account/shell'
import { SignInScreen } from '../../src/features/auth'
import { getProfile } from '../../src/features/profile/api'
import { startTokenSession } from '../../src/services/session'
import { handoffCode } from '../support/http-session'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { api, submitNewDemand, tokenFor } from './support/journey'
import { API } from './support/server'

const ACCOUNT = 'ent-leaving'

/** Trades a hand-off code for a token, as the app's sign-in screen does, and keeps it in the app. */
async function signInApp(code: string): Promise<string> {
  Taro.removeStorageSync('auth.token')
  const view = render(<SignInScreen handoff={code} />, {})
  await eventually(() => expect(Taro.getStorageSync('auth.token')?.token).toBeTruthy())
  view.unmount()
  return Taro.getStorageSync('auth.token').token as string
}

const status = async (token: string, path: string) => (await fetch(API + path, { headers: { authorization: `Bearer ${token}` } })).status

beforeAll(() => {
  process.env.TARO_ENV_JEST = 'weapp'
  jest.spyOn(Taro, 'login').mockRejectedValue(new Error('no WeChat here')) // binding the phone is not what this file is about
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterAll(() => {
  delete process.env.TARO_ENV_JEST
  jest.restoreAllMocks()
})

it('sign-in: the box starts unticked, the button explains it needs the tick, and the ticked agreements are recorded with their versions', async () => {
  const { container, unmount } = render(<SignInScreen />, {})
  const box = container.querySelector('[data-testid="agree-box"]')!
  expect(box.getAttribute('role')).toBe('checkbox')
  expect(box.getAttribute('aria-checked')).toBe('false')
  expect(box.getAttribute('aria-label')).toBe('我已阅读并同意《用户服务协议》和《隐私政策》')

  tap(container.querySelector('.sign-in__button')!)
  await eventually(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('请先阅读并勾选同意《用户服务协议》和《隐私政策》，再登录'))
  expect(container.querySelector('taro-web-view-core')).toBeNull()

  tap(box)
  await eventually(() => expect(box.getAttribute('aria-checked')).toBe('true'))
  tap(container.querySelector('.sign-in__button')!)
  let src = ''
  await eventually(() => {
    src = container.querySelector('taro-web-view-core')?.getAttribute('src') ?? ''
    expect(src).toContain('agree=')
  })
  unmount()

  // the provider's sign-in in that web-view, then the app trades the hand-off code
  const token = await signInApp(await handoffCode(API, ACCOUNT, src))
  const consents = await api<{ consents: Array<{ document: string; version: string; agreedAt: string }>; missing: unknown[] }>(token, 'GET', '/api/account/consents')
  expect(consents.missing).toEqual([])
  for (const a of AGREEMENTS) expect(consents.consents).toContainEqual(expect.objectContaining({ document: a.id, version: a.version }))
})

it('a session without the current agreements is sent to them, and agreeing there lets it go on', async () => {
  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
  installConsentGate()
  // the web-view of an app that did not carry the agreements: the server records none
  const fresh = await signInApp(await handoffCode(API, 'ent-consent-later', `${API}/api/auth/oidc/start?client=mp`))
  await expect(getProfile()).rejects.toMatchObject({ code: 'CONSENT_REQUIRED', status: 403 })
  await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: '/packages/account/pages/consent/index' }))

  const { container } = render(<ConsentScreen />, {})
  await eventually(() => expect(container.textContent).toContain('协议已更新'))
  expect(container.querySelector('[data-testid="agree-box"]')!.getAttribute('aria-checked')).toBe('false')
  tap(container.querySelector('.consent__agree')!)
  await eventually(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('请先勾选“我已阅读并同意”'))
  expect(await status(fresh, '/api/profile')).toBe(403)

  tap(container.querySelector('[data-testid="agree-box"]')!)
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' } as never)
  tap(container.querySelector('.consent__agree')!)
  await eventually(async () => expect(await status(fresh, '/api/profile')).toBe(200))
  navigate.mockRestore()
})

describe('账号与数据', () => {
  let token: string
  let submitted: string

  beforeAll(async () => {
    token = await tokenFor(ACCOUNT)
    submitted = await submitNewDemand(token, '注销前提交的需求')
    await api(token, 'POST', '/api/campaigns/cq-2026-key-areas-demo/demands', {}) // a draft
    startTokenSession(token)
  })

  it('shows the agreements agreed to, and my data as the privacy policy lists it', async () => {
    const { container } = render(<AccountDataScreen />, {})
    await eventually(() => expect(container.textContent).toContain('已同意版本'))
    for (const a of AGREEMENTS) expect(container.textContent).toContain(`《${a.title}》`)
    tap(container.querySelector('.account__export')!)
    let data: Record<string, unknown> = {}
    await eventually(() => {
      data = JSON.parse(container.querySelector('[data-testid="export-text"]')?.textContent ?? '{}')
      expect(data.profile).toBeDefined()
    })
    expect(data.profile).toMatchObject({ enterpriseName: '重庆注销测试科技有限公司', contactName: '韩雪', mobile: '13900001111' })
    const demands = data.demands as Array<{ id: string; status: string; versions: unknown[] }>
    expect(demands.find((d) => d.id === submitted)?.versions).toHaveLength(1)
    expect(demands.some((d) => d.status === 'draft')).toBe(true)
    for (const key of ['messages', 'consents', 'platformBindings', 'pushConsents']) expect(data).toHaveProperty(key)
  })

  it('注销 asks for the word, then removes drafts, profile and sessions and keeps the submitted demand without the contact', async () => {
    const relaunch = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never)
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never)
    const { container } = render(<AccountDataScreen />, {})
    await eventually(() => expect(container.querySelector('.account__delete-button')).not.toBeNull())
    tap(container.querySelector('.account__delete-button')!)
    await eventually(() => expect(container.querySelector('.account__delete [role="alert"]')?.textContent).toBe('请输入“注销”两个字确认'))
    expect(modal).not.toHaveBeenCalled()
    expect(await status(token, '/api/profile')).toBe(200)

    // Taro's <input> inside its web component appears once the component has rendered
    await eventually(() => expect(container.querySelector('.account__delete input')).not.toBeNull())
    const input = container.querySelector('.account__delete input') as HTMLInputElement
    act(() => {
      input.value = '注销'
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    tap(container.querySelector('.account__delete-button')!)
    await eventually(() => expect(relaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(modal).toHaveBeenCalledTimes(1)
    expect(Taro.getStorageSync('auth.token')).toBeFalsy()

    // the session is gone; the demand stays in the campaign's record, its contact pseudonymised
    expect(await status(token, '/api/account/export')).toBe(401)
    const unit = await tokenFor('rec-liangjiang')
    const seen = await api<{ demand?: { profile?: Record<string, string> }; profile?: Record<string, string> }>(unit, 'GET', `/api/recommend/demands/${submitted}`)
    expect(JSON.stringify(seen)).toContain('已注销用户')
    expect(JSON.stringify(seen)).not.toContain('13900001111')
    // a new sign-in with the same government account is a new, empty account
    const again = await tokenFor(ACCOUNT)
    expect((await api<{ demands: unknown[] }>(again, 'GET', '/api/demands')).demands).toEqual([])
  })
})
