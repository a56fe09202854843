/**
 * What the wizard tests share: an enterprise signed in through the app's own sign-in
 * (hand-off code from the local provider), a second session of the same account (the
 * “other phone”), and direct calls to the real server to set up and to check what it holds.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { SignInScreen } from '../../../src/features/auth'
import type { Demand, Profile } from '../../../types/domain'
import { eventually } from './eventually'
import { API } from './server'
import { handoffCodeFor } from './sign-in'

/** This account is used only by the wizard tests (profile.test uses ent-zhixin). */
export const ACCOUNT = 'ent-shancheng'
export const CAMPAIGN = 'cq-2026-key-areas-demo'

export function appToken(): string {
  return Taro.getStorageSync('auth.token').token as string
}

/** Signs in as the app does: the provider's hand-off code traded by SignInScreen. */
export async function signInThroughApp(account = ACCOUNT): Promise<string> {
  const code = await handoffCodeFor(account)
  const view = render(<SignInScreen handoff={code} />, {})
  await eventually(() => expect(Taro.getStorageSync('auth.token')?.token).toBeTruthy())
  view.unmount()
  return appToken()
}

/** A second session of the same account, as another phone would hold. */
export async function otherDevice(account = ACCOUNT): Promise<string> {
  const code = await handoffCodeFor(account)
  const res = await fetch(`${API}/api/auth/handoff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
  return ((await res.json()) as { token: string }).token
}

export async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(API + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined
  })
  return { status: res.status, body: (await res.json().catch(() => null)) as T }
}

export async function completeProfile(token: string): Promise<void> {
  const { body } = await call<Profile>(token, 'GET', '/api/profile')
  if (body.mobile && body.contactName) return
  const r = await call(token, 'PUT', '/api/profile', { ...body, contactName: body.contactName || '李华', mobile: '13900001111' })
  if (r.status !== 200) throw new Error(`profile: ${r.status} ${JSON.stringify(r.body)}`)
}

export async function createDemand(token: string, answers: Record<string, unknown> = {}, step = 'secrecy'): Promise<Demand> {
  const created = await call<Demand>(token, 'POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`)
  if (Object.keys(answers).length) {
    const saved = await call(token, 'PUT', `/api/demands/${created.body.id}/draft`, { baseVersion: created.body.version, answers, currentStep: step })
    if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${JSON.stringify(saved.body)}`)
  }
  return (await call<Demand>(token, 'GET', `/api/demands/${created.body.id}`)).body
}

export async function serverDemand(token: string, id: string): Promise<Demand> {
  return (await call<Demand>(token, 'GET', `/api/demands/${id}`)).body
}

// ---- driving the screen ----------------------------------------------------------------------

export const q = (root: Element, selector: string) => root.querySelector(selector)

export function fieldOf(root: Element, id: string): Element {
  const el = root.querySelector(`[data-field="${id}"]`)
  if (!el) throw new Error(`no field ${id} on screen`)
  return el
}

/** The field's text box (Taro's web components render it a moment after the field). */
export async function boxOf(field: Element): Promise<HTMLInputElement> {
  return eventually(() => {
    const box = (field.querySelector('taro-textarea-core textarea') ?? field.querySelector('taro-input-core input')) as HTMLInputElement | null
    if (!box) throw new Error('no text box in the field yet')
    return box
  })
}

/** Types a whole new value into the field's text box (input or textarea), as a person replacing it would. */
export async function typeInto(field: Element, value: string): Promise<void> {
  const box = await boxOf(field)
  act(() => {
    box.value = value
    box.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

export const statusText = (root: Element) => root.querySelector('[data-testid="save-status"]')?.textContent ?? ''
export const stepOnScreen = (root: Element) => root.querySelector('[data-testid="step"]')?.getAttribute('data-step')
export const errorAt = (root: Element, fieldId: string) => root.querySelector(`[data-testid="error-${fieldId}"]`)?.textContent ?? null
