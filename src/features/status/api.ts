import type { DemandStatusView } from '../../../types/recommend'
import { cachedGet } from '../../services/query'

export type { DemandStatusView }

/** Where the enterprise's demand stands: timeline, current step, what it can do now and until when. */
export function getDemandStatus(id: string): Promise<DemandStatusView> {
  return cachedGet<DemandStatusView>(`/api/demands/${encodeURIComponent(id)}/status`)
}
