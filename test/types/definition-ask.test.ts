/** The definition's 问通知 keys: its own notice text, and synonym groups of two words or more. */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { validateDefinition } from '../../types/validate-definition'

const cq = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'cq-2026-key-areas')!

it('takes a notice text and synonym groups', () => {
  const result = validateDefinition({ ...cq, noticeText: '一、征集时间\n截止时间：7月20日。', ask: { synonyms: [['截止', '最晚']] } })
  expect(result.ok).toBe(true)
})

it('names an empty notice text, a group of one word and an unknown key by path', () => {
  const result = validateDefinition({ ...cq, noticeText: '  ', ask: { synonyms: [['截止']], words: [] } })
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.problems).toEqual(
    expect.arrayContaining([
      { path: 'noticeText', message: '应为非空文本' },
      { path: 'ask.synonyms[0]', message: '至少需要 2 项' },
      { path: 'ask.words', message: '未知的键' }
    ])
  )
})
