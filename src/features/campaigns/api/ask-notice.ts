import type { AskAnswer } from '../../../../types/ask'
import { cachedGet } from '../../../services/query'

/** 问通知: the notice's paragraphs that answer the question, and whom to call (GET /api/campaigns/:id/ask). */
export function askNotice(campaignId: string, question: string): Promise<AskAnswer> {
  return cachedGet<AskAnswer>(`/api/campaigns/${encodeURIComponent(campaignId)}/ask`, { q: question })
}
