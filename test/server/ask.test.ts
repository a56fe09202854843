/**
 * GET /api/campaigns/:id/ask (问通知) on the real server: the paragraph that says it with the
 * question's words marked, the contact to call, Chinese 400s for an empty or overlong question,
 * 404 for an unknown campaign, and one index per definition version.
 */
import { noticeIndexFor } from '../../server/ask'
import { publishVersion } from '../../server/campaigns'
import type { AskAnswer } from '../../types/ask'
import type { CampaignDefinition } from '../../types/campaign'
import { startTestServer, type TestServer } from '../support/app'

let s: TestServer
beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00'), env: { ASK_MAX_PER_ADDRESS: '40' } })
})
afterAll(() => s.close())

const ask = (id: string, q?: string, ip = '203.0.113.1') =>
  s.app.inject({ url: `/api/campaigns/${id}/ask${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`, remoteAddress: ip })

const marked = (p: AskAnswer['paragraphs'][number]) => p.highlights.map((h) => p.text.slice(h.start, h.end))

it('answers with the paragraph that says it, the words marked, and whom to call', async () => {
  const res = await ask('cq-2026-key-areas', '啥时候截止')
  expect(res.statusCode).toBe(200)
  const answer = res.json() as AskAnswer
  expect(answer.question).toBe('啥时候截止')
  expect(answer.paragraphs.length).toBeGreaterThan(0)
  expect(answer.paragraphs.length).toBeLessThanOrEqual(3)
  const [first] = answer.paragraphs
  expect(first.section).toBe('一、本批次征集时间')
  expect(first.text).toContain('需求单位填报截止时间：2025年7月20日')
  // 啥时候 and 截止 are one group of synonyms: the notice's 截止时间 is marked, twice
  expect(marked(first)).toEqual(['截止时间', '截止时间'])
  expect(answer.paragraphs.map((p) => p.score)).toEqual([...answer.paragraphs.map((p) => p.score)].sort((a, b) => b - a))
  // no contact is named by a deadline question: the general help desk
  expect(answer.contacts.map((c) => c.group)).toEqual(expect.arrayContaining(['系统技术咨询']))
  expect(answer.contacts.every((c) => c.group === '系统技术咨询')).toBe(true)
})

it('marks the synonym the notice uses for the question’s word (最晚 → 截止)', async () => {
  const answer = (await ask('hz-2021-major-research-demo', '最晚哪天交')).json() as AskAnswer
  expect(answer.paragraphs[0].text).toContain('本批受理截止日期')
  expect(marked(answer.paragraphs[0])).toEqual(expect.arrayContaining(['截止日期']))
})

it('offers the contact of the programme the question names', async () => {
  const answer = (await ask('cq-2026-key-areas', '人工智能方面找谁咨询')).json() as AskAnswer
  expect(answer.paragraphs[0].text).toContain('郑美娟')
  expect(answer.contacts).toEqual([{ group: '重大专项', topic: '人工智能专项', person: '郑美娟', phone: '023-63073626' }])
})

it('answers a question no paragraph shares a word with by no paragraph, and the help desk', async () => {
  const answer = (await ask('cq-2026-key-areas', 'xyz')).json() as AskAnswer
  expect(answer.paragraphs).toEqual([])
  expect(answer.contacts.length).toBeGreaterThan(0)
})

it('refuses an empty or overlong question in Chinese, never with a 500', async () => {
  for (const q of [undefined, '', '   ']) {
    const res = await ask('cq-2026-key-areas', q)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'QUESTION_EMPTY', message: '请输入要问的问题，例如：截止时间' })
  }
  const long = await ask('cq-2026-key-areas', '截'.repeat(51))
  expect(long.statusCode).toBe(400)
  expect(long.json()).toMatchObject({ code: 'QUESTION_TOO_LONG', message: '问题请控制在 50 个字以内' })
  expect((await ask('cq-2026-key-areas', '截'.repeat(50))).statusCode).toBe(200)
})

it('answers 404 for an unknown campaign', async () => {
  const res = await ask('no-such-campaign', '截止时间')
  expect(res.statusCode).toBe(404)
  expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '征集活动不存在或无权查看' })
})

it('limits the questions per client address', async () => {
  const ip = '203.0.113.99'
  for (let i = 0; i < 40; i++) expect((await ask('xj-2023-major-demands', '邮编', ip)).statusCode).toBe(200)
  const res = await ask('xj-2023-major-demands', '邮编', ip)
  expect(res.statusCode).toBe(429)
  expect(res.json().code).toBe('RATE_LIMITED')
  expect((await ask('xj-2023-major-demands', '邮编', '203.0.113.100')).statusCode).toBe(200)
})

it('keeps one index per definition version, and a new version (its own notice text) is answered at once', async () => {
  const id = 'xj-2023-major-demands-demo'
  const first = (await ask(id, '邮编')).json() as AskAnswer
  const [row] = await s.db.query<{ definition: CampaignDefinition; version: number }>('SELECT definition, version FROM campaigns WHERE id = $1', [id])
  expect(row.version).toBe(first.version)
  expect(noticeIndexFor(row.definition, row.version)).toBe(noticeIndexFor(row.definition, row.version))
  expect(first.paragraphs[0].text).toContain('邮编：830011')

  // the studio gives the campaign a notice text of its own
  const noticeText = '关于征集重大科技需求的通知\n\n一、报送方式\n材料改为线上报送，邮编：830099，不再邮寄纸质材料。'
  const published = await publishVersion(s.db, { ...row.definition, noticeText }, { source: 'test' }, s.clock.now)
  expect(published.version).toBe(row.version + 1)
  const second = (await ask(id, '邮编')).json() as AskAnswer
  expect(second.version).toBe(published.version)
  expect(second.paragraphs[0]).toMatchObject({ section: '一、报送方式', text: '材料改为线上报送，邮编：830099，不再邮寄纸质材料。' })
  expect(noticeIndexFor(published.definition, published.version)).not.toBe(noticeIndexFor(row.definition, row.version))
})
