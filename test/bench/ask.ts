/** `npm run bench:ask`: 问通知's top-1 and top-3 accuracy per shipped notice on the written questions (test/support/ask-set.ts). */
import { measureAskSet } from '../support/ask-set'

console.log(`${'campaign'.padEnd(24)} ${'notice'.padEnd(26)} questions  top-1  top-3`)
for (const f of measureAskSet()) {
  console.log(`${f.campaignId.padEnd(24)} ${f.notice.padEnd(26)} ${String(f.questions).padStart(9)}  ${f.top1.toFixed(3)}  ${f.top3.toFixed(3)}`)
  for (const q of f.badQuotes) console.log(`    引文不唯一或不存在: ${q}`)
  for (const m of f.misses) console.log(`    ${m}`)
}
