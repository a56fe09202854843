/**
 * Talking to a running server (the app tests' or the e2e product) over real HTTP as one of
 * the demo accounts: the mini-program sign-in (web-view → local government provider →
 * hand-off code → bearer token), then JSON calls with that token. For making test data
 * through the real API; the screens under test use the app's own client.
 */
import { agreementsParam } from '../../types/agreements'
import { loginAtProvider } from './sign-in'

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string } | null,
    what: string
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`)
  }
}

export interface ApiSession {
  token: string
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>
  /** The raw response, for checking refusals. */
  raw(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Response>
}

/**
 * The one-time code the sign-in web-view hands to the mini-program, for a demo account (password
 * demo1234); `startUrl` is the page the web-view opens (the app's own, with the agreements it ticked).
 */
export async function handoffCode(base: string, account: string, startUrl = `${base}/api/auth/oidc/start?client=mp&agree=${agreementsParam()}`): Promise<string> {
  const start = await fetch(startUrl, { redirect: 'manual' })
  const authUrl = start.headers.get('location')
  if (!authUrl) throw new Error(`sign-in start answered ${start.status} without a redirect`)
  // the web-view that started the sign-in brings its cookie back to the callback
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const callback = await fetch(await loginAtProvider(authUrl, account, base), { redirect: 'manual', headers: { cookie } })
  const html = await callback.text()
  const code = /handoff=([^"&\\]+)/.exec(html)?.[1]
  if (!code) throw new Error(`sign-in callback answered ${callback.status} without a hand-off code: ${html.slice(0, 300)}`)
  return decodeURIComponent(code)
}

/** Signs a demo account in at the local provider and returns its session. */
export async function signInOverHttp(base: string, account: string): Promise<ApiSession> {
  const code = await handoffCode(base, account)
  const res = await fetch(`${base}/api/auth/handoff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code })
  })
  if (!res.ok) throw new Error(`hand-off answered ${res.status}: ${await res.text()}`)
  const { token } = (await res.json()) as { token: string }
  const raw = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
  return {
    token,
    raw,
    async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
      const r = await raw(method, path, body)
      const json = await r.json().catch(() => null)
      if (!r.ok) throw new HttpFailure(r.status, json, `${method} ${path}`)
      return json as T
    }
  }
}

export const DEMO_PROFILES = {
  'ent-zhixin': { enterpriseName: '重庆智芯微电子有限公司', creditCode: '91500108576231840F', contactName: '张明', mobile: '13800138000', unitType: 'enterprise' },
  'ent-shancheng': { enterpriseName: '重庆山城生物医药股份有限公司', creditCode: '91500000MA5U7G3K1E', contactName: '李华', mobile: '13900139000', unitType: 'large_enterprise' }
} as const

/** Completes the enterprise profile the demo account's sign-in left unfinished (the mobile number). */
export async function completeProfile(session: ApiSession, account: keyof typeof DEMO_PROFILES): Promise<void> {
  await session.call('PUT', '/api/profile', DEMO_PROFILES[account])
}

/** Creates a demand in the campaign, saves `answers` and submits it; returns its id. */
export async function submitDemand(session: ApiSession, campaignId: string, answers: Record<string, unknown>): Promise<string> {
  const d = await session.call<{ id: string; version: number; currentStep: string }>('POST', `/api/campaigns/${campaignId}/demands`, {})
  const saved = await session.call<{ version: number }>('PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: d.currentStep })
  await session.call('POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.version })
  return d.id
}

/** Saves new answers over a returned (or submitted) demand and submits them again. */
export async function resubmitDemand(session: ApiSession, id: string, answers: Record<string, unknown>): Promise<void> {
  const own = await session.call<{ version: number; currentStep: string }>('GET', `/api/demands/${id}`)
  const saved = await session.call<{ version: number }>('PUT', `/api/demands/${id}/draft`, { baseVersion: own.version, answers, currentStep: own.currentStep })
  await session.call('POST', `/api/demands/${id}/submit`, { baseVersion: saved.version })
}
