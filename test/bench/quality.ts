/** `npm run bench:quality`: the quality assistant's precision and recall on the labelled set (test/support/quality-set.ts). */
import { measureQualitySet } from '../support/quality-set'

for (const f of measureQualitySet()) {
  console.log(
    `${f.rule.padEnd(22)} ${String(f.cases).padStart(3)} cases  precision ${f.precision.toFixed(3)}  recall ${f.recall.toFixed(3)}  (TP ${f.truePositives}, FP ${f.falsePositives}, FN ${f.falseNegatives})`
  )
  for (const w of f.wrong) console.log(`    ${w}`)
}
