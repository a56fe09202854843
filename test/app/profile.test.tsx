/**
 * The profile after a real sign-in: the mini-program hand-off code from the local government
 * identity provider is traded by the app itself (SignInScreen ?handoff=), then the profile
 * form loads from the server: the unit's name and credit code as the sign-in gave them, not
 * editable, and the contact fields checked while typing, before any save.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { SignInScreen } from '../../src/features/auth'
import { DemandListScreen } from '../../src/features/demands'
import { ProfileScreen } from '../../src/features/profile'
import type { Profile } from '../../types/domain'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { API } from './support/server'
import { handoffCodeFor } from './support/sign-in'

/** What the server holds, read with the token the app stored (not through the app's client). */
async function storedProfile(): Promise<Profile> {
  const res = await fetch(`${API}/api/profile`, { headers: { authorization: `Bearer ${Taro.getStorageSync('auth.token').token}` } })
  return (await res.json()) as Profile
}

async function renderProfile() {
  const view = render(<ProfileScreen />, {})
  await eventually(() => expect(view.container.querySelector('[data-field="mobile"] taro-input-core input')).not.toBeNull())
  return view
}

const errorText = (container: Element, field: keyof Profile) => container.querySelector(`[data-testid="error-${field}"]`)?.textContent

/** The text box Taro's H5 input component renders. */
function inputOf(field: Element): HTMLInputElement {
  const input = field.querySelector('taro-input-core input')
  if (!input) throw new Error('no input inside the field')
  return input as HTMLInputElement
}

/** Types a whole new value, as a person replacing the text would. */
function typeInto(field: Element, value: string) {
  const input = inputOf(field)
  act(() => {
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

describe('profile', () => {
  beforeAll(async () => {
    const code = await handoffCodeFor('ent-zhixin')
    const view = render(<SignInScreen handoff={code} />, {})
    await eventually(() => expect(Taro.getStorageSync('auth.token')?.token).toBeTruthy())
    view.unmount()
  })

  it('shows the unit’s name and credit code from the sign-in as text that cannot be edited', async () => {
    const { container } = await renderProfile()
    const identity = container.querySelector('.profile-identity')!
    expect(identity.querySelector('[data-field="enterpriseName"]')?.textContent).toBe('单位名称重庆智芯微电子有限公司')
    expect(identity.querySelector('[data-field="creditCode"]')?.textContent).toBe('统一社会信用代码91500108576231840F')
    expect(identity.querySelectorAll('input, textarea')).toHaveLength(0)
    expect(identity.textContent).toContain('不能在此修改')
  })

  it('asks for the missing mobile number, then saves to the server and says 已保存', async () => {
    const toast = jest.spyOn(Taro, 'showToast')
    const { container } = await renderProfile()
    expect(container.textContent).toContain('请补全单位资料')
    const before = await storedProfile()
    expect(before.mobile).toBe('')

    const save = container.querySelector('.profile-form__save')!
    tap(save)
    await eventually(() => expect(errorText(container, 'mobile')).toBe('请填写联系人手机号'))
    expect(toast).not.toHaveBeenCalled()

    const mobile = container.querySelector('[data-field="mobile"]')!
    typeInto(mobile, '1380013800') // ten digits
    await eventually(() => expect(errorText(container, 'mobile')).toBe('手机号应为以1开头的11位数字'))
    // pasted as it is often written: the box keeps the digits
    typeInto(mobile, '138 0013-8000')
    await eventually(() => expect(inputOf(mobile).value).toBe('13800138000'))
    await eventually(() => expect(errorText(container, 'mobile')).toBeUndefined())

    tap(save)
    await eventually(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })))
    const after = await storedProfile()
    expect(after).toEqual({ ...before, mobile: '13800138000' })
    toast.mockRestore()
  })

  it('shows 暂无需求 with a way to the campaigns when the enterprise has filed nothing yet', async () => {
    const { container } = render(<DemandListScreen />, {})
    await eventually(() => expect(container.textContent).toContain('暂无需求'))
    expect(container.querySelector('.state-view__action')?.textContent).toBe('浏览征集活动')
  })

  it('signs out on the server: the profile then asks to sign in again', async () => {
    const token = Taro.getStorageSync('auth.token').token as string
    const { container } = await renderProfile()
    tap(container.querySelector('.profile-screen__signout')!)
    await eventually(() => expect(container.textContent).toContain('请先登录'))
    expect(Taro.getStorageSync('auth.token')).toBeFalsy()
    const res = await fetch(`${API}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(401)
  })
})
