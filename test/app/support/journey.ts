/**
 * The demand journey through the real server's API, for the message and status tests: an
 * enterprise signs in (hand-off code from the local provider), completes its profile,
 * creates, fills and submits a demand; the recommending unit (rec-liangjiang, 两江新区)
 * opens it, returns it with a reason, recommends it. Nothing here is mocked.
 */
import { completeAnswers } from '../../types/fixtures'
import { API } from './server'
import { handoffCodeFor } from './sign-in'

export const CAMPAIGN = 'cq-2026-key-areas-demo'
/** The wizard tests use this account too; each test here creates at most one demand (limit 10 per campaign). */
export const ENTERPRISE = 'ent-shancheng'
export const RECOMMENDER = 'rec-liangjiang'
export const UNIT_NAME = '两江新区科技主管部门'

export async function tokenFor(account: string): Promise<string> {
  const code = await handoffCodeFor(account)
  const res = await fetch(`${API}/api/auth/handoff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code })
  })
  if (!res.ok) throw new Error(`handoff answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** One API call with a bearer token; throws unless 2xx. */
export async function api<T = unknown>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(API + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
  return (text ? JSON.parse(text) : null) as T
}

interface DemandBody {
  id: string
  version: number
  currentStep: string
  status: string
}

async function completeProfile(token: string): Promise<void> {
  const p = await api<Record<string, string>>(token, 'GET', '/api/profile')
  if (p.mobile && p.contactName) return
  await api(token, 'PUT', '/api/profile', { ...p, contactName: p.contactName || '李华', mobile: p.mobile || '13900001111' })
}

/** Creates, fills (the Chongqing fixture, recommended by 两江新区) and submits a demand named `title`. */
export async function submitNewDemand(token: string, title: string): Promise<string> {
  await completeProfile(token)
  const d = await api<DemandBody>(token, 'POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  const answers = { ...completeAnswers(CAMPAIGN), demandName: title }
  const saved = await api<{ version: number }>(token, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: d.currentStep })
  await api(token, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.version })
  return d.id
}

/** Changes the name in the working copy and submits again (after a return). */
export async function reviseAndResubmit(token: string, id: string, title: string): Promise<void> {
  const d = await api<DemandBody & { answers: Record<string, unknown> }>(token, 'GET', `/api/demands/${id}`)
  const saved = await api<{ version: number }>(token, 'PUT', `/api/demands/${id}/draft`, {
    baseVersion: d.version,
    answers: { ...d.answers, demandName: title },
    currentStep: d.currentStep
  })
  await api(token, 'POST', `/api/demands/${id}/submit`, { baseVersion: saved.version })
}

/** The unit opens the demand (it becomes 推荐单位审核中) and returns it with `reason`. */
export async function openAndReturn(recommender: string, id: string, reason: string): Promise<void> {
  await api(recommender, 'POST', `/api/recommend/demands/${id}/open`)
  await api(recommender, 'POST', `/api/recommend/demands/${id}/return`, { reason })
}

export async function openAndRecommend(recommender: string, id: string): Promise<{ rank: number | null }> {
  await api(recommender, 'POST', `/api/recommend/demands/${id}/open`)
  return api<{ rank: number | null }>(recommender, 'POST', `/api/recommend/demands/${id}/recommend`)
}

export async function unreadCount(token: string): Promise<number> {
  return (await api<{ unread: number }>(token, 'GET', '/api/messages/unread-count')).unread
}
