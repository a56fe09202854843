/** The demand endpoints the wizard, review and versions pages call (one small function each). */
import type { CampaignDetail, Demand, DemandVersion, DemandVersionSummary, SaveResult } from '../../../types/domain'
import type { AnswerChange, Answers } from '../../../types/engine'
import { http } from '../../services/http'
import { cachedGet, invalidate } from '../../services/query'

const path = (id: string) => `/api/demands/${encodeURIComponent(id)}`

export function getDemand(id: string): Promise<Demand> {
  return cachedGet<Demand>(path(id))
}

/** Saves the working copy on top of `baseVersion`; 409 VERSION_CONFLICT when the server moved on. */
export async function saveDraft(id: string, body: { baseVersion: number; answers: Answers; currentStep: string }): Promise<SaveResult> {
  const { data } = await http.put<SaveResult>(`${path(id)}/draft`, body)
  invalidate('/api/demands') // the list, this demand, its versions and status
  return data
}

export async function submitDemand(id: string, baseVersion: number): Promise<Demand> {
  const { data } = await http.post<Demand>(`${path(id)}/submit`, { baseVersion })
  invalidate('/api/demands')
  invalidate('/api/recommend/')
  return data
}

export async function listVersions(id: string): Promise<DemandVersionSummary[]> {
  return (await cachedGet<{ versions: DemandVersionSummary[] }>(`${path(id)}/versions`)).versions
}

export function getVersion(id: string, n: number): Promise<DemandVersion> {
  return cachedGet<DemandVersion>(`${path(id)}/versions/${n}`)
}

export async function diffVersions(id: string, from: number, to: number): Promise<AnswerChange[]> {
  return (await cachedGet<{ changes: AnswerChange[] }>(`${path(id)}/diff`, { from, to })).changes
}

/** Where an attachment is uploaded (multipart field `file`). */
export function attachmentUploadUrl(id: string, fieldId: string): string {
  return `${http.defaults.baseURL ?? ''}${path(id)}/attachments?field=${encodeURIComponent(fieldId)}`
}

export function attachmentUrl(attachmentId: string): string {
  return `${http.defaults.baseURL ?? ''}/api/attachments/${encodeURIComponent(attachmentId)}`
}

/** What the wizard reads of a campaign (from the campaigns feature's getCampaign, which keeps it for offline use). */
export type CampaignForWizard = Pick<CampaignDetail, 'definition' | 'enterpriseDeadlineAt' | 'recommenderDeadlineAt'>
