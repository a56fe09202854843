/**
 * 问通知's questions (test/server/fixtures/ask-questions.json): each asked of its campaign's
 * notice as the server indexes it, and where the expected paragraph came (top-1, top-3).
 * Read by test/server/ask-accuracy.test.ts and `npm run bench:ask`.
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { noticeIndexFor } from '../../server/ask'
import { searchNotice } from '../../server/notice-search'
import questions from '../server/fixtures/ask-questions.json'

export interface AskCase {
  q: string
  /** A quote only the answering paragraph contains; a list: any of them answers. */
  expect: string | string[]
}

export interface AskFigures {
  campaignId: string
  notice: string
  questions: number
  top1: number
  top3: number
  /** The questions whose expected paragraph was not first: what came first instead. */
  misses: string[]
  /** Quotes that do not name exactly one paragraph (a mistake in the fixture). */
  badQuotes: string[]
}

export const ASK_SET = questions.campaigns as Record<string, AskCase[]>

export function measureAskSet(): AskFigures[] {
  return Object.entries(ASK_SET).map(([campaignId, cases]) => {
    const def = CAMPAIGN_DEFINITIONS.find((d) => d.id === campaignId)
    if (!def) throw new Error(`没有活动 ${campaignId}`)
    // version 0: the shipped file as it is, outside any database
    const index = noticeIndexFor(def, 0)
    if (!index) throw new Error(`活动 ${campaignId} 没有通知原文`)
    const texts = index.paragraphs.map((p) => p.paragraph.text)
    const badQuotes = cases
      .flatMap((c) => (Array.isArray(c.expect) ? c.expect : [c.expect]))
      .filter((quote) => texts.filter((t) => t.includes(quote)).length !== 1)
    let top1 = 0
    let top3 = 0
    const misses: string[] = []
    for (const c of cases) {
      const quotes = Array.isArray(c.expect) ? c.expect : [c.expect]
      const hits = searchNotice(index, c.q, 3)
      const answers = (i: number) => hits[i] !== undefined && quotes.some((quote) => hits[i].paragraph.text.includes(quote))
      if (answers(0)) top1++
      else misses.push(`${c.q} → ${hits[0] ? hits[0].paragraph.text.slice(0, 30).replace(/\n/g, ' ') : '（无结果）'}`)
      if ([0, 1, 2].some(answers)) top3++
    }
    return { campaignId, notice: def.notice, questions: cases.length, top1: top1 / cases.length, top3: top3 / cases.length, misses, badQuotes }
  })
}
