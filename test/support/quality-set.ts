/**
 * Precision and recall of the quality assistant's two measured rules on the labelled set
 * (test/types/fixtures/quality-set.json, which says how it was made): `vague-claim` on the
 * sentences, `indicator-incomplete` on the rows. Used by the test that holds them at ≥ 0.9 and
 * by `npm run bench:quality`, which prints them.
 */
import set from '../types/fixtures/quality-set.json'
import type { IndicatorRow } from '../../types/engine'
import { indicatorGaps, vagueClaims } from '../../types/quality'

export interface RuleFigures {
  rule: string
  cases: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
  /** The cases it got wrong, to read. */
  wrong: string[]
}

function figures(rule: string, cases: Array<{ label: boolean; found: boolean; text: string }>): RuleFigures {
  const tp = cases.filter((c) => c.label && c.found).length
  const fp = cases.filter((c) => !c.label && c.found).length
  const fn = cases.filter((c) => c.label && !c.found).length
  return {
    rule,
    cases: cases.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    wrong: cases.filter((c) => c.label !== c.found).map((c) => `${c.label ? '漏报' : '误报'}：${c.text}`)
  }
}

export function measureQualitySet(): RuleFigures[] {
  return [
    figures(
      'vague-claim',
      set.sentences.map((s) => ({ label: s.vague, found: vagueClaims(s.text).length > 0, text: s.text }))
    ),
    figures(
      'indicator-incomplete',
      set.indicators.map((r) => ({ label: r.incomplete, found: indicatorGaps(r.row as IndicatorRow).length > 0, text: JSON.stringify(r.row) }))
    )
  ]
}
