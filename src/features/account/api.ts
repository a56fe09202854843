import type { Agreement } from '../../../types/agreements'
import { http } from '../../services/http'
import { cachedGet, invalidate } from '../../services/query'

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

export function getConsents(): Promise<ConsentState> {
  return cachedGet<ConsentState>('/api/account/consents')
}

export async function agreeTo(agreements: readonly Pick<Agreement, 'id' | 'version'>[]): Promise<ConsentState> {
  const { data } = await http.post<ConsentState>('/api/account/consents', { agreements: agreements.map(({ id, version }) => ({ id, version })) })
  invalidate('/api/account/consents')
  return data
}

/** Everything the server holds about the person (the JSON the download gives), to show on the mini-programs. */
export function getExport(): Promise<unknown> {
  return cachedGet<unknown>(EXPORT_PATH)
}

export async function deleteAccount(confirm: string): Promise<DeletionResult> {
  const { data } = await http.post<DeletionResult>('/api/account/delete', { confirm })
  invalidate()
  return data
}
