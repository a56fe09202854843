import type { DemandStatusView } from '../../../types/recommend'
import { http } from '../../services/http'

export type { DemandStatusView }

/** Where the enterprise's demand stands: timeline, current step, what it can do now and until when. */
export async function getDemandStatus(id: string): Promise<DemandStatusView> {
  const { data } = await http.get<DemandStatusView>(`/api/demands/${encodeURIComponent(id)}/status`)
  return data
}
