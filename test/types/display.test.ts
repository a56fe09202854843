/**
 * One display of an answer (types/display.ts): the wizard's review, versions and conflicts
 * (enterprise) and the recommending unit's view of a demand all show answerText, and the
 * summary sheet's cells (displayAnswer) read the same apart from keeping numbers numbers.
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { allFields, type FieldDefinition } from '../../types/campaign'
import { answerText, displayAnswer, EMPTY_ANSWER, formatSize, indicatorText, indicatorValues } from '../../types/display'
import { visibleFields, type Answers } from '../../types/engine'
import { completeAnswers, sampleAttachment } from './fixtures'

const cq = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'cq-2026-key-areas')!
const field = (id: string): FieldDefinition => allFields(cq).find((f) => f.id === id)!

describe('answerText: the same text for the enterprise and the recommending unit', () => {
  const answers: Answers = completeAnswers('cq-2026-key-areas')

  it('reads every answered field of a complete demand, with the campaign’s labels', () => {
    for (const f of visibleFields(cq, answers)) {
      const text = answerText(cq, f, answers[f.id])
      expect(typeof text).toBe('string')
      if (answers[f.id] !== undefined) expect(text).not.toBe(EMPTY_ANSWER)
    }
    expect(answerText(cq, field('domain'), answers.domain)).toBe('高端器件与芯片 / 车规级芯片')
    expect(answerText(cq, field('recommender'), answers.recommender)).toBe('两江新区科技主管部门')
    expect(answerText(cq, field('openCompetition'), 'yes')).toBe('是')
    expect(answerText(cq, field('openCompetitionInvestment'), 1200)).toBe('1200 万元')
    expect(answerText(cq, field('currentMaturity'), 4)).toBe('4级（实验室环境中的部件或原理样机验证）')
  })

  it('is the summary sheet’s cell wherever that is text', () => {
    for (const f of visibleFields(cq, answers)) {
      if (['amount', 'number', 'date', 'indicators', 'attachments'].includes(f.kind)) continue
      const cell = displayAnswer(cq, f, answers[f.id])
      expect(answerText(cq, f, answers[f.id])).toBe(cell === null || cell === '' ? EMPTY_ANSWER : String(cell))
    }
  })

  it('adds the unit to a number, writes a day as people do, and one line per indicator and file', () => {
    expect(answerText(cq, { ...field('openCompetitionInvestment'), unit: '%' } as FieldDefinition, 12)).toBe('12%')
    const row = { name: 'CPU主频', current: '160', target: '300', unit: 'MHz' }
    expect(indicatorValues(row)).toBe('现状 160 → 目标 300 MHz')
    expect(indicatorValues({ ...row, current: '' })).toBe('目标 300 MHz')
    expect(indicatorText(row)).toBe('CPU主频：现状 160 → 目标 300 MHz')
    const indicators = field('indicators')
    expect(answerText(cq, indicators, [row, { ...row, name: '' }])).toBe('1. CPU主频：现状 160 → 目标 300 MHz\n2. （未填名称）：现状 160 → 目标 300 MHz')
    expect(displayAnswer(cq, indicators, [row])).toBe('CPU主频：现状 160 → 目标 300 MHz')
    const file = sampleAttachment({ name: '可行性报告.pdf', size: 3 * 1024 * 1024 })
    expect(answerText(cq, { id: 'f', kind: 'attachments' } as FieldDefinition, [file])).toBe('可行性报告.pdf（3.0 MB）')
    expect(answerText(cq, { id: 'd', kind: 'date' } as FieldDefinition, '2026-03-05')).toBe('2026年3月5日')
  })

  it('reads a missing answer as 未填写 on both sides', () => {
    for (const f of allFields(cq)) {
      for (const empty of [undefined, null, '', '  ', []]) expect(answerText(cq, f, empty)).toBe(EMPTY_ANSWER)
    }
  })

  it('gives file sizes one way', () => {
    expect([formatSize(850), formatSize(12_600), formatSize(4.5 * 1024 * 1024)]).toEqual(['850 B', '12 KB', '4.5 MB'])
  })
})
