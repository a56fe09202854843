/**
 * 关怀模式 against the real server: the switch puts the class on the page root (<html> on H5,
 * the page's root view in a mini-program), remembers it on the device and for the account; at
 * sign-in the account's choice wins over the device's.
 */
import fs from 'node:fs'
import path from 'node:path'
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CarePage } from '../../src/components/care-page'
import { SignInScreen } from '../../src/features/auth'
import { CampaignListScreen } from '../../src/features/campaigns'
import { ProfileScreen } from '../../src/features/profile'
import { CARE_CLASS, isCareMode, restoreCareMode } from '../../src/services/care-mode'
import { signOut } from '../../src/services/session'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { API } from './support/server'
import { handoffCodeFor } from './support/sign-in'

const token = () => Taro.getStorageSync('auth.token').token as string
async function accountCareMode(): Promise<boolean | null> {
  const res = await fetch(`${API}/api/auth/me`, { headers: { authorization: `Bearer ${token()}` } })
  return ((await res.json()) as { careMode: boolean | null }).careMode
}

async function signIn(account: string) {
  const view = render(<SignInScreen handoff={await handoffCodeFor(account)} />, {})
  await eventually(() => expect(Taro.getStorageSync('auth.token')?.token).toBeTruthy())
  view.unmount()
}

const htmlHasCare = () => document.documentElement.classList.contains(CARE_CLASS)
/** The H5 page's script that puts the device's choice on <html> before the first paint (src/index.html). */
const careScript = /<script>([^<]*careMode[^<]*)<\/script>/.exec(fs.readFileSync(path.join(__dirname, '../../src/index.html'), 'utf8'))![1]
/** A new start of the H5 app on this device: a fresh page runs that script, then the app starts. */
function startAgain() {
  document.documentElement.classList.remove(CARE_CLASS)
  new Function(careScript)()
  restoreCareMode()
}
const switchIn = (container: Element) => container.querySelector('[role="switch"]') as HTMLElement

beforeEach(() => {
  Taro.removeStorageSync('careMode')
  document.documentElement.classList.remove(CARE_CLASS)
  restoreCareMode()
})
afterEach(async () => {
  await signOut().catch(() => undefined)
})

describe('关怀模式', () => {
  it('a visitor turns it on from the first screen: the class on <html>, remembered on this device only', async () => {
    const { container, unmount } = render(<CampaignListScreen />, {})
    const toggle = switchIn(container)
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    expect(toggle.textContent).toBe('关怀模式（大字、高对比）')
    expect(htmlHasCare()).toBe(false)
    await act(async () => tap(toggle))
    await eventually(() => expect(toggle.getAttribute('aria-checked')).toBe('true'))
    expect(htmlHasCare()).toBe(true)
    expect(Taro.getStorageSync('careMode')).toBe(true)
    unmount()
    // a new start on this device keeps it, on <html> before the app's own start
    startAgain()
    expect([htmlHasCare(), isCareMode()]).toEqual([true, true])
    // and a device that turned it off starts without it
    Taro.setStorageSync('careMode', false)
    startAgain()
    expect([htmlHasCare(), isCareMode()]).toEqual([false, false])
  })

  it('signed in, 我的 turns it on and off for the account too', async () => {
    await signIn('rec-gaoxin')
    const { container, unmount } = render(<ProfileScreen />, {})
    await eventually(() => expect(container.querySelector('.profile-account')).not.toBeNull())
    const toggle = switchIn(container)
    await act(async () => tap(toggle))
    await eventually(async () => expect(await accountCareMode()).toBe(true))
    expect(htmlHasCare()).toBe(true)
    await act(async () => tap(toggle))
    await eventually(async () => expect(await accountCareMode()).toBe(false))
    expect([htmlHasCare(), Taro.getStorageSync('careMode')]).toEqual([false, false])
    unmount()
  })

  it('at sign-in the account’s choice wins over the device’s', async () => {
    await signIn('rec-jingxinwei')
    await fetch(`${API}/api/profile/care-mode`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ careMode: true })
    })
    await signOut()
    // the device says off
    Taro.setStorageSync('careMode', false)
    restoreCareMode()
    expect(htmlHasCare()).toBe(false)
    await signIn('rec-jingxinwei')
    await eventually(() => expect(htmlHasCare()).toBe(true))
    expect(Taro.getStorageSync('careMode')).toBe(true)
  })

  describe('in a mini-program', () => {
    beforeAll(() => {
      process.env.TARO_ENV_JEST = 'weapp'
    })
    afterAll(() => {
      delete process.env.TARO_ENV_JEST
    })

    it('puts the class on a view around the page’s screen (a class cannot reach <page>)', async () => {
      const { container, unmount } = render(
        <CarePage>
          <CampaignListScreen />
        </CarePage>,
        {}
      )
      await eventually(() => expect(container.querySelector('.campaign-list-screen')).not.toBeNull())
      expect(container.querySelector(`.${CARE_CLASS}`)).toBeNull()
      await act(async () => tap(switchIn(container)))
      await eventually(() => expect(container.querySelector(`.${CARE_CLASS} .campaign-list-screen`)).not.toBeNull())
      expect(htmlHasCare()).toBe(false)
      expect(Taro.getStorageSync('careMode')).toBe(true)
      unmount()
    })
  })
})
