/**
 * Form engine benchmark: `npx tsx test/bench/engine.ts [iterations]`.
 * Validates the complete Chongqing demand (the fixture, then a worst case with every text
 * at its maximum length and 20 indicator rows) `iterations` times (default 10,000) after a
 * warm-up, timing each call with process.hrtime.bigint. Target: median ≤ 1 ms.
 * Exits 1 when a median misses the target.
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { allFields, type CampaignDefinition } from '../../types/campaign'
import { completeness, validateDemand, type Answers } from '../../types/engine'
import { completeAnswers, FIXTURE_UNIT_TYPE, sampleAttachment } from '../types/fixtures'

const TARGET_MS = 1
const iterations = Number(process.argv[2] ?? 10_000)
const WARMUP = 2_000

const def = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'cq-2026-key-areas') as CampaignDefinition

/** Every text at its maximum length (CJK, some Extension B), 20 rows, 10 attachments. */
function worstCase(): Answers {
  const a: Answers = completeAnswers('cq-2026-key-areas')
  for (const f of allFields(def)) {
    if (f.kind === 'text' || f.kind === 'textarea') a[f.id] = '研'.repeat(f.maxLength - 10) + '𠮷'.repeat(10)
  }
  a.indicators = Array.from({ length: 20 }, (_, i) => ({ name: `指标${i + 1}`.padEnd(100, '标'), current: '1', target: '2', unit: 'MHz' }))
  a.attachments = Array.from({ length: 10 }, (_, i) => sampleAttachment({ id: `file-${i}` }))
  return a
}

interface Stats {
  median: number
  p95: number
  mean: number
  min: number
  max: number
}

function measure(run: () => unknown): Stats {
  for (let i = 0; i < WARMUP; i++) run()
  const times = new Float64Array(iterations)
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint()
    run()
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6
  }
  let sum = 0
  for (const t of times) sum += t
  times.sort()
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
  return { median: at(0.5), p95: at(0.95), mean: sum / times.length, min: times[0], max: times[times.length - 1] }
}

const fmt = (ms: number) => ms.toFixed(4).padStart(8)
const cases: Array<[string, Answers]> = [
  ['cq complete demand (fixture)', completeAnswers('cq-2026-key-areas')],
  ['cq worst case (max lengths)', worstCase()]
]

// Cold first call (builds the per-definition lookups) on a fresh copy of the definition.
const cold = JSON.parse(JSON.stringify(def)) as CampaignDefinition
const c0 = process.hrtime.bigint()
validateDemand(cold, cases[0][1], FIXTURE_UNIT_TYPE)
const coldMs = Number(process.hrtime.bigint() - c0) / 1e6

console.log(`form engine: validateDemand, ${iterations} iterations after ${WARMUP} warm-up, ms per validation (node ${process.version})`)
console.log(`${'case'.padEnd(32)}  median      p95     mean      min      max`)
let failed = false
for (const [name, answers] of cases) {
  const issues = validateDemand(def, answers, FIXTURE_UNIT_TYPE)
  if (issues.length) throw new Error(`${name} is not valid: ${JSON.stringify(issues.slice(0, 3))}`)
  const s = measure(() => validateDemand(def, answers, FIXTURE_UNIT_TYPE))
  console.log(`${name.padEnd(32)}${fmt(s.median)} ${fmt(s.p95)} ${fmt(s.mean)} ${fmt(s.min)} ${fmt(s.max)}`)
  if (s.median > TARGET_MS) failed = true
}
const comp = measure(() => completeness(def, cases[0][1]))
console.log(`${'completeness (fixture)'.padEnd(32)}${fmt(comp.median)} ${fmt(comp.p95)} ${fmt(comp.mean)} ${fmt(comp.min)} ${fmt(comp.max)}`)
console.log(`first call on a new definition object (cold: JIT + lookups): ${coldMs.toFixed(3)} ms`)
console.log(failed ? `FAIL: a median exceeds ${TARGET_MS} ms` : `OK: every median ≤ ${TARGET_MS} ms`)
if (failed) process.exitCode = 1
