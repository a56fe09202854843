import type { AskAnswer } from '../../../../types/ask'
import { http } from '../../../services/http'

/** 问通知: the notice's paragraphs that answer the question, and whom to call (GET /api/campaigns/:id/ask). */
export async function askNotice(campaignId: string, question: string): Promise<AskAnswer> {
  const { data } = await http.get<AskAnswer>(`/api/campaigns/${encodeURIComponent(campaignId)}/ask?q=${encodeURIComponent(question)}`)
  return data
}
