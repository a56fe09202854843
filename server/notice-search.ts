/// <reference lib="es2022.intl" />
/**
 * 问通知: the paragraphs of a notice that answer a question. Pure (a notice's text in, ranked
 * paragraphs out); server/ask.ts keeps one index per campaign version.
 *
 * - Paragraphs: a notice as bureaus write it. A blank line ends a paragraph; a heading 一、… names
 *   the section of the paragraphs after it (searched with them, shown above them); a numbered
 *   item (（一） 1. 1、) starts a paragraph, and so does a line after one that ends a sentence;
 *   other lines (a list of contacts, a deadline per line, an indented line) continue it. Each
 *   attachment (a line 附件N) after the body is one paragraph, its table cells joined, under
 *   the section 附件N.
 * - Terms: the words of `Intl.Segmenter('zh')` (Node's and the browsers' own ICU: no native
 *   dependency), without the words that carry no meaning, and the pairs of neighbouring
 *   characters of every run of Chinese, so a word the dictionary cuts into single characters
 *   (涉密, 纸质) is still found. Before segmenting, a synonym is matched where it stands (the
 *   longest first) and counts as its group's first word: 截止 ~ 最晚 ~ 什么时候.
 * - Ranking: Okapi BM25 (k1 1.2, b 0.75) over the paragraphs' terms, a character pair counting half.
 */

export interface NoticeParagraph {
  /** The heading of the section the paragraph is in (一、征集时间; 附件2 for an attachment), or ''. */
  section: string
  text: string
  /** An attachment (a form or table to fill in), not the notice's body. */
  attachment: boolean
}

/** A part of a paragraph's text that matched the question: [start, end) in UTF-16 units. */
export interface Highlight {
  start: number
  end: number
}

export interface NoticeHit {
  paragraph: NoticeParagraph
  /** Its place in the notice (0 = first paragraph). */
  index: number
  score: number
  highlights: Highlight[]
}

/**
 * The default table: what enterprise contacts ask with (口语) next to what notices write. A
 * campaign adds its own groups (`ask.synonyms` in its definition); groups sharing a word merge.
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ['截止', '截至', '截止时间', '截止日期', '最晚', '时限', '期限', '啥时候', '什么时候', '哪天', '几号', '之前', '日前', '以前', '到期'],
  ['咨询', '联系', '联系人', '联系方式', '咨询电话', '电话', '找谁', '问谁', '打谁', '打给谁', '号码', '打哪个电话'],
  ['盖章', '公章', '签章', '盖公章', '用章'],
  ['纸质', '纸质版', '纸质材料', '书面材料', '打印', '纸版', '打印版'],
  ['电子材料', '电子版', '光盘', '电子文档', '电子稿'],
  ['名额', '几项', '几个', '多少项', '多少个', '报几', '限报', '限推荐', '不超过', '最多', '上限', '数量'],
  ['地址', '寄到', '寄给', '邮寄', '快递', '报送地址', '收件人', '送到哪', '交到哪', '邮编'],
  ['在线', '线上', '网上', '网络'],
  ['平台', '系统', '网站', '网址', '哪个网'],
  ['修改', '更改', '改动', '变更', '多次修改', '重新提交'],
  ['涉密', '保密', '机密', '秘密', '敏感'],
  ['投入', '资金', '经费', '多少钱', '投资', '金额', '出钱'],
  ['揭榜挂帅', '揭榜', '挂帅'],
  ['跨区域', '跨区', '跨地区', '跨省', '外省', '省外'],
  ['资格', '条件', '门槛', '谁可以报', '谁能报', '哪些单位', '什么单位', '什么样的单位', '哪些企业', '什么企业'],
  ['领域', '方向', '范围', '征集哪些', '收哪些', '哪些方面'],
  ['排序', '排列', '排名', '顺序', '先后', '优先排序', '优先度'],
  ['字以内', '字数', '多少字', '几个字', '几千字'],
  ['一式', '几份', '份数', '多少份'],
  ['附件', '表格', '模板', '样表', '下载'],
  ['账号', '帐号', '账户', '用户名', '注册', '登录', '登陆', '登不上'],
  ['专家', '评审', '论证', '评审专家'],
  ['研发投入', '研发费用', '研究开发费', '研发经费', '研发费'],
  ['比重', '占比', '比例'],
  ['合作', '联合', '合作研发', '联合研发', '一起做', '一起申报', '协同'],
  ['牵头', '领衔', '带头', '主导'],
  ['填报', '填写', '申报', '报名', '报', '填'],
  ['修改', '改'],
  ['地址', '寄'],
  ['投入', '钱'],
  ['农业', '农村', '涉农'],
  ['大企业', '龙头企业', '头部企业', '大企业集团', '领军企业', '大型企业'],
  ['一般企业', '普通企业', '其他企业', '中小企业', '小企业'],
  ['下一步', '后续', '接下来', '之后', '提交后', '怎么处理']
]

/** Words that say nothing of what is asked. */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 嘛 么 哦 是 在 和 与 及 或 要 能 会 可 可以 能否 能不能 是否 有 有没有 没有 什么 啥 怎么 怎么办 怎样 如何 ' +
    '哪些 哪个 哪 哪里 哪儿 我 我们 你 你们 他 他们 它 这 那 这个 那个 这些 那些 一下 请问 就 都 也 还 把 被 对 给 为 得 地 着 过 个 该 ' +
    '需要 需 想 问 不 多 不要 要不要 行 行不行 算 算不算 吗 么 一 下 里 上 中 时 等 其 其中 以 应 应当 并 将 由 按 按照 各 相关 有关'
  ).split(' ')
)

const HAN = /\p{Script=Han}/u
const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' })
/** A character pair's weight next to a word's. */
const PAIR_WEIGHT = 0.5
const K1 = 1.2
const B = 0.75

const norm = (s: string) => s.normalize('NFKC').toLowerCase()

// ---- paragraphs --------------------------------------------------------------------------

const SECTION = /^[一二三四五六七八九十]+、/
const NUMBERED = /^(（[一二三四五六七八九十]+）|\d+\s*[.．、)）](?!\d))/
const ATTACHMENT = /^附件\s*\d+\s*$/
const SENTENCE_END = /[。！？!?]$/
/** Left by the conversion of a Word file: `[bookmark: _GoBack]`, `[image: …]`. */
const CONVERSION_MARKS = /\[(bookmark|image):[^\]]*\]/g
/** A heading-like paragraph (no full stop, short): the numbered item after it joins it. */
const HEADING_MAX = 20

export function noticeParagraphs(text: string): NoticeParagraph[] {
  const out: NoticeParagraph[] = []
  let section = ''
  let lines: string[] = []
  let inAttachment = false
  const end = () => {
    const joined = inAttachment ? lines.join(' ').replace(/\s+/g, ' ').trim() : lines.join('\n').trim()
    if (joined && [...joined].some((c) => HAN.test(c))) out.push({ section, text: joined, attachment: inAttachment })
    lines = []
  }
  for (const raw of text.replace(/\r\n?/g, '\n').replace(CONVERSION_MARKS, '').split('\n')) {
    const line = raw.trim()
    if (ATTACHMENT.test(line) && out.length > 0) {
      end()
      inAttachment = true
      section = line.replace(/\s+/g, '')
      continue
    }
    if (inAttachment) {
      if (line) lines.push(line)
      continue
    }
    if (!line) {
      end()
      continue
    }
    // the list of attachments at the end of the body is in no section
    if (/^附件[：:]/.test(line)) section = ''
    if (SECTION.test(line) && !SENTENCE_END.test(line) && line.length <= HEADING_MAX + 10) {
      end()
      section = line
      continue
    }
    const current = lines.join('')
    const indented = /^\s{2,}/.test(raw)
    const headingBefore = current.length > 0 && current.length <= HEADING_MAX && !/[。；;，,]/.test(current)
    const starts = (NUMBERED.test(line) && !indented && !headingBefore) || SENTENCE_END.test(lines[lines.length - 1] ?? '')
    if (starts) end()
    lines.push(line)
  }
  end()
  return out
}

// ---- terms -------------------------------------------------------------------------------

interface Token {
  term: string
  start: number
  end: number
  weight: number
}

/** Synonym groups, merged where they share a word: each word → the first word of its (first) group. */
function synonymTable(groups: string[][]): Map<string, string> {
  const merged: string[][] = []
  for (const group of groups) {
    let words = group.map(norm).filter(Boolean)
    for (let k = merged.length - 1; k >= 0; k--) {
      if (!merged[k].some((w) => words.includes(w))) continue
      words = [...merged[k], ...words.filter((w) => !merged[k].includes(w))]
      merged.splice(k, 1)
    }
    if (words.length) merged.push(words)
  }
  return new Map(merged.flatMap((words) => words.map((w): [string, string] => [w, words[0]])))
}

export class NoticeAnalyzer {
  private readonly synonyms: Map<string, string>
  private readonly longest: number

  constructor(extraSynonyms: string[][] = []) {
    this.synonyms = synonymTable([...DEFAULT_SYNONYMS, ...extraSynonyms])
    this.longest = Math.max(1, ...[...this.synonyms.keys()].map((w) => w.length))
  }

  /** The terms of a text, each with where it stands. */
  tokens(text: string): Token[] {
    // per character, so that positions stay those of the text
    const lower = [...text].map((c) => (norm(c).length === c.length ? norm(c) : c)).join('')
    const out: Token[] = []
    let gapStart = 0
    let i = 0
    while (i < lower.length) {
      let matched = 0
      for (let n = Math.min(this.longest, lower.length - i); n >= 2; n--) {
        const c = this.synonyms.get(lower.slice(i, i + n))
        if (c !== undefined) {
          this.gap(text, gapStart, i, out)
          out.push({ term: c, start: i, end: i + n, weight: 1 })
          matched = n
          break
        }
      }
      if (matched) {
        i += matched
        gapStart = i
      } else i++
    }
    this.gap(text, gapStart, lower.length, out)
    return out
  }

  /** Words and character pairs of text[from, to), where no synonym stands. */
  private gap(text: string, from: number, to: number, out: Token[]) {
    if (to <= from) return
    const part = text.slice(from, to)
    /** Where a word of two characters starts: its pair would count it twice. */
    const twoCharWords = new Set<number>()
    for (const s of SEGMENTER.segment(part)) {
      if (!s.isWordLike) continue
      if (s.segment.length === 2) twoCharWords.add(s.index)
      const word = norm(s.segment)
      if (STOPWORDS.has(word)) continue
      // a word of one character (改, 寄) is a synonym only where the dictionary cuts it out alone
      const term = this.synonyms.get(word) ?? word
      out.push({ term, start: from + s.index, end: from + s.index + s.segment.length, weight: 1 })
    }
    for (let k = 0; k + 1 < part.length; k++) {
      if (twoCharWords.has(k) || !HAN.test(part[k]) || !HAN.test(part[k + 1])) continue
      out.push({ term: `~${part[k]}${part[k + 1]}`, start: from + k, end: from + k + 2, weight: PAIR_WEIGHT })
    }
  }

  /** The distinct terms of a question, with their weights. */
  queryTerms(question: string): Map<string, number> {
    const terms = new Map<string, number>()
    for (const t of this.tokens(question)) terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight))
    return terms
  }
}

// ---- index and ranking -------------------------------------------------------------------

interface IndexedParagraph {
  paragraph: NoticeParagraph
  /** The text's tokens (for highlights). */
  tokens: Token[]
  /** Term frequencies of section and text together. */
  tf: Map<string, number>
  length: number
}

export interface NoticeIndex {
  analyzer: NoticeAnalyzer
  paragraphs: IndexedParagraph[]
  df: Map<string, number>
  averageLength: number
}

export function buildNoticeIndex(text: string, extraSynonyms: string[][] = []): NoticeIndex {
  const analyzer = new NoticeAnalyzer(extraSynonyms)
  const df = new Map<string, number>()
  const paragraphs = noticeParagraphs(text).map((paragraph) => {
    const tokens = analyzer.tokens(paragraph.text)
    const tf = new Map<string, number>()
    for (const t of [...tokens, ...analyzer.tokens(paragraph.section)]) tf.set(t.term, (tf.get(t.term) ?? 0) + 1)
    for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1)
    return { paragraph, tokens, tf, length: tokens.length }
  })
  const averageLength = paragraphs.reduce((sum, p) => sum + p.length, 0) / Math.max(1, paragraphs.length)
  return { analyzer, paragraphs, df, averageLength }
}

/** The `limit` paragraphs that answer the question best (score > 0), best first. */
export function searchNotice(index: NoticeIndex, question: string, limit = 3): NoticeHit[] {
  const terms = index.analyzer.queryTerms(question)
  const n = index.paragraphs.length
  const scored = index.paragraphs.map((p, i) => {
    let score = 0
    for (const [term, weight] of terms) {
      const f = p.tf.get(term)
      if (!f) continue
      const df = index.df.get(term) ?? 0
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      score += weight * idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * p.length) / (index.averageLength || 1))))
    }
    return { p, i, score }
  })
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map(({ p, i, score }) => ({
      paragraph: p.paragraph,
      index: i,
      score: Math.round(score * 1000) / 1000,
      highlights: mergeRanges(p.tokens.filter((t) => terms.has(t.term)))
    }))
}

function mergeRanges(tokens: Token[]): Highlight[] {
  const sorted = [...tokens].sort((a, b) => a.start - b.start)
  const out: Highlight[] = []
  for (const t of sorted) {
    const last = out[out.length - 1]
    if (last && t.start <= last.end) last.end = Math.max(last.end, t.end)
    else out.push({ start: t.start, end: t.end })
  }
  return out
}
