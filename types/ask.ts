/** 问通知: the answer of GET /api/campaigns/:id/ask, as the server sends it and the app reads it. */
import type { Contact } from './campaign'

/** Longest question, in characters (the server answers 400 QUESTION_TOO_LONG beyond it). */
export const QUESTION_MAX = 50

/** A part of a paragraph that matched the question: [start, end) in UTF-16 units of its text. */
export interface AskHighlight {
  start: number
  end: number
}

export interface AskParagraph {
  /** The heading of the notice's section it is in (一、征集时间), or ''. */
  section: string
  text: string
  /** BM25 score: higher answers better. */
  score: number
  highlights: AskHighlight[]
}

export interface AskAnswer {
  campaignId: string
  /** The definition version the answer comes from. */
  version: number
  question: string
  /** Best first; empty when no paragraph shares a word with the question. */
  paragraphs: AskParagraph[]
  /** Whom to call about it. */
  contacts: Contact[]
}
