/**
 * 问通知 for a published campaign: the notice's paragraphs that answer a question, with the
 * contacts to call about it.
 *
 * Where a campaign's notice text comes from: its definition's `noticeText` when it carries one
 * (a campaign made in the studio), else the file the product ships for its `notice`,
 * `campaigns/notices/<notice>` (the seeded campaigns and their 演示 copies). Production never
 * reads the notices outside the repository. A campaign with neither has nothing to ask.
 *
 * The index (paragraphs, terms, BM25 statistics) is built once per campaign and definition
 * version, in this process: a new version (publishVersion) is seen at the next question.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CAMPAIGN_DIR } from '../campaigns'
import { QUESTION_MAX, type AskAnswer } from '../types/ask'
import type { CampaignDefinition, Contact } from '../types/campaign'
import type { Queryable } from './db'
import { AppError, notFound } from './errors'
import { buildNoticeIndex, searchNotice, type NoticeHit, type NoticeIndex } from './notice-search'

/** Paragraphs an answer shows. */
export const ANSWER_PARAGRAPHS = 3
/** Contacts an answer offers at most. */
const CONTACTS_MAX = 3

export const NOTICE_DIR = path.join(CAMPAIGN_DIR, 'notices')

/** The notice text of a definition (see the head of this file), or null. */
export function noticeTextOf(def: CampaignDefinition): string | null {
  if (def.noticeText) return def.noticeText
  // a file name only: a definition from the studio cannot point outside the folder
  const file = path.join(NOTICE_DIR, path.basename(def.notice))
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

interface Cached {
  version: number
  index: NoticeIndex | null
}
const cache = new Map<string, Cached>()

/** The campaign's index for its current version, built when the version is new to this process. */
export function noticeIndexFor(def: CampaignDefinition, version: number): NoticeIndex | null {
  const hit = cache.get(def.id)
  if (hit && hit.version === version) return hit.index
  const text = noticeTextOf(def)
  const index = text ? buildNoticeIndex(text, def.ask?.synonyms ?? []) : null
  cache.set(def.id, { version, index })
  return index
}

/** The question as asked, trimmed; 400 when empty or longer than QUESTION_MAX. */
export function checkedQuestion(q: string | undefined): string {
  const question = (q ?? '').replace(/\s+/g, ' ').trim()
  if (!question) throw new AppError(400, 'QUESTION_EMPTY', '请输入要问的问题，例如：截止时间')
  if ([...question].length > QUESTION_MAX) throw new AppError(400, 'QUESTION_TOO_LONG', `问题请控制在 ${QUESTION_MAX} 个字以内`, [{ field: 'q', code: 'QUESTION_TOO_LONG', message: `不能超过 ${QUESTION_MAX} 个字` }])
  return question
}

export async function askNotice(db: Queryable, campaignId: string, q: string | undefined): Promise<AskAnswer> {
  const question = checkedQuestion(q)
  const [row] = await db.query<{ definition: CampaignDefinition; version: number }>(
    "SELECT definition, version FROM campaigns WHERE id = $1 AND state = 'published'",
    [campaignId]
  )
  if (!row) throw notFound('征集活动')
  const index = noticeIndexFor(row.definition, row.version)
  if (!index) throw new AppError(404, 'NOTICE_UNAVAILABLE', '本征集活动暂未提供通知原文，可直接拨打咨询电话')
  const hits = searchNotice(index, question, ANSWER_PARAGRAPHS)
  return {
    campaignId,
    version: row.version,
    question,
    paragraphs: hits.map((h) => ({ section: h.paragraph.section, text: h.paragraph.text, score: h.score, highlights: h.highlights })),
    contacts: relevantContacts(index, row.definition.contacts, question, hits)
  }
}

/** Groups of general help (系统、平台、网络) a question no contact matches is sent to. */
const GENERAL_GROUP = /系统|技术咨询|网络|平台/

/**
 * The contacts to call about the question: those whose group, office or person the question
 * names (人工智能 → 人工智能专项); else those the best paragraph names when it names one or two
 * (材料报送 → 新疆科技项目服务中心); else the general help desk (系统技术咨询), else the first contact.
 */
export function relevantContacts(index: NoticeIndex, contacts: Contact[], question: string, hits: NoticeHit[]): Contact[] {
  const termsOf = (c: Contact) => new Set(index.analyzer.tokens(`${c.group} ${c.topic} ${c.person ?? ''}`).map((t) => t.term))
  const contactTerms = contacts.map(termsOf)
  // a word most contacts share (业务咨询) tells none of them apart
  const shared = (t: string) => contactTerms.filter((ct) => ct.has(t)).length > contacts.length / 2
  const best = (terms: Map<string, number>) => {
    const scores = contactTerms.map((ct) => [...terms].reduce((s, [t, w]) => (ct.has(t) && !shared(t) ? s + w : s), 0))
    const top = Math.max(0, ...scores)
    return top > 0 ? contacts.filter((_, i) => scores[i] === top) : []
  }
  const byQuestion = best(index.analyzer.queryTerms(question))
  if (byQuestion.length) return distinct(byQuestion)
  if (hits[0]) {
    const named = contacts.filter((c) => hits[0].paragraph.text.includes(c.topic) || (c.person && hits[0].paragraph.text.includes(c.person)))
    if (named.length > 0 && named.length <= 2) return distinct(named)
  }
  const general = contacts.filter((c) => GENERAL_GROUP.test(c.group))
  return distinct(general.length ? general : contacts.slice(0, 1))
}

/** One row per phone number, at most CONTACTS_MAX. */
function distinct(contacts: Contact[]): Contact[] {
  const seen = new Set<string>()
  return contacts.filter((c) => !seen.has(c.phone) && seen.add(c.phone)).slice(0, CONTACTS_MAX)
}
