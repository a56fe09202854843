import type { Agreement } from '../../../types/agreements'
import { http } from '../../services/http'

export interface ConsentRecord {
  document: string
  version: string
  agreedAt: string
}

export interface ConsentState {
  agreements: Agreement[]
  consents: ConsentRecord[]
  /** Current agreements not yet agreed to. */
  missing: Agreement[]
}

export interface DeletionResult {
  deleted: true
  draftsDeleted: number
  demandsPseudonymised: number
}

export const EXPORT_PATH = '/api/account/export'

export async function getConsents(): Promise<ConsentState> {
  return (await http.get<ConsentState>('/api/account/consents')).data
}

export async function agreeTo(agreements: readonly Pick<Agreement, 'id' | 'version'>[]): Promise<ConsentState> {
  return (await http.post<ConsentState>('/api/account/consents', { agreements: agreements.map(({ id, version }) => ({ id, version })) })).data
}

/** Everything the server holds about the person (the JSON the download gives), to show on the mini-programs. */
export async function getExport(): Promise<unknown> {
  return (await http.get<unknown>(EXPORT_PATH)).data
}

export async function deleteAccount(confirm: string): Promise<DeletionResult> {
  return (await http.post<DeletionResult>('/api/account/delete', { confirm })).data
}
