/** The demand endpoints the wizard, review and versions pages call (one small function each). */
import type { CampaignDetail, Demand, DemandVersion, DemandVersionSummary, SaveResult } from '../../../types/domain'
import type { AnswerChange, Answers } from '../../../types/engine'
import { http } from '../../services/http'

const path = (id: string) => `/api/demands/${encodeURIComponent(id)}`

export async function getDemand(id: string): Promise<Demand> {
  const { data } = await http.get<Demand>(path(id))
  return data
}

/** Saves the working copy on top of `baseVersion`; 409 VERSION_CONFLICT when the server moved on. */
export async function saveDraft(id: string, body: { baseVersion: number; answers: Answers; currentStep: string }): Promise<SaveResult> {
  const { data } = await http.put<SaveResult>(`${path(id)}/draft`, body)
  return data
}

export async function submitDemand(id: string, baseVersion: number): Promise<Demand> {
  const { data } = await http.post<Demand>(`${path(id)}/submit`, { baseVersion })
  return data
}

export async function listVersions(id: string): Promise<DemandVersionSummary[]> {
  const { data } = await http.get<{ versions: DemandVersionSummary[] }>(`${path(id)}/versions`)
  return data.versions
}

export async function getVersion(id: string, n: number): Promise<DemandVersion> {
  const { data } = await http.get<DemandVersion>(`${path(id)}/versions/${n}`)
  return data
}

export async function diffVersions(id: string, from: number, to: number): Promise<AnswerChange[]> {
  const { data } = await http.get<{ changes: AnswerChange[] }>(`${path(id)}/diff`, { params: { from, to } })
  return data.changes
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
