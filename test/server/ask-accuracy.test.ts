/**
 * 问通知's accuracy on the questions written for each shipped notice (test/server/fixtures/
 * ask-questions.json): the expected paragraph first for at least 80 % of them, among the first
 * three for at least 90 %. `npm run bench:ask` prints the figures and the misses.
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { ASK_SET, measureAskSet } from '../support/ask-set'

const figures = measureAskSet()

it('has at least 30 questions for every shipped notice', () => {
  expect(Object.keys(ASK_SET).sort()).toEqual(CAMPAIGN_DEFINITIONS.map((d) => d.id).sort())
  for (const f of figures) expect(f.questions).toBeGreaterThanOrEqual(30)
})

it('names every expected paragraph by a quote only that paragraph contains', () => {
  expect(figures.flatMap((f) => f.badQuotes.map((q) => `${f.campaignId}: ${q}`))).toEqual([])
})

it.each(figures.map((f) => [f.campaignId, f] as const))('%s: the expected paragraph comes first for ≥ 80 %% of the questions', (_id, f) => {
  expect(f.top1).toBeGreaterThanOrEqual(0.8)
  expect(f.top3).toBeGreaterThanOrEqual(0.9)
})
