/**
 * The campaigns this product ships, one JSON file per notice in shared/notices.
 * Every definition is validated when this module loads: a broken file stops the
 * server (and the tests) with every `path: message` the validator found.
 */
import type { CampaignDefinition } from '../types/campaign'
import { addDays, dayOf, daysBetween } from '../types/time'
import { validateDefinition } from '../types/validate-definition'
import cq2026KeyAreas from './cq-2026-key-areas.json'
import xj2023MajorDemands from './xj-2023-major-demands.json'
import hz2021MajorResearch from './hz-2021-major-research.json'

/** Validate one definition; throws an Error naming the file and listing every problem. */
export function loadDefinition(name: string, input: unknown): CampaignDefinition {
  const result = validateDefinition(input)
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${p.path}: ${p.message}`)
    throw new Error(`活动定义 ${name} 无效（${result.problems.length} 处问题）：\n${lines.join('\n')}`)
  }
  return result.definition
}

export const CAMPAIGN_DEFINITIONS: CampaignDefinition[] = [
  loadDefinition('cq-2026-key-areas.json', cq2026KeyAreas),
  loadDefinition('xj-2023-major-demands.json', xj2023MajorDemands),
  loadDefinition('hz-2021-major-research.json', hz2021MajorResearch)
]

/** Days from today (Shanghai) to the enterprise deadline of each demo copy. */
export const DEMO_LEAD_DAYS: Readonly<Record<string, number>> = {
  'cq-2026-key-areas': 21,
  'xj-2023-major-demands': 30,
  'hz-2021-major-research': 14
}
const DEFAULT_DEMO_LEAD_DAYS = 21

export const DEMO_ID_SUFFIX = '-demo'
export const DEMO_TITLE_PREFIX = '【演示】'

/**
 * A copy of `def` labelled 演示 whose dates all move by the same whole number of days,
 * so that the enterprise deadline falls a few days after today in the campaign's time
 * zone. The gap between the deadlines (and to opensOn) is kept, opensOn stays in the
 * past, and every rule (quotas, eligibility, limits) is untouched.
 */
export function demoCopy(def: CampaignDefinition, now: number): CampaignDefinition {
  const today = dayOf(now, def.timezone)
  let lead = DEMO_LEAD_DAYS[def.id] ?? DEFAULT_DEMO_LEAD_DAYS
  // opensOn must stay before today: never put the deadline further out than the original run.
  if (def.opensOn) lead = Math.max(0, Math.min(lead, daysBetween(def.opensOn, def.deadlines.enterprise) - 1))
  const shift = daysBetween(def.deadlines.enterprise, addDays(today, lead))

  const copy: CampaignDefinition = JSON.parse(JSON.stringify(def))
  copy.id = def.id + DEMO_ID_SUFFIX
  copy.title = DEMO_TITLE_PREFIX + def.title
  copy.summary = `本活动为演示数据，仅供体验和测试：各项日期已按同一天数平移，征集规则与原通知一致。\n\n${def.summary}`
  copy.deadlines = {
    enterprise: addDays(def.deadlines.enterprise, shift),
    recommender: addDays(def.deadlines.recommender, shift)
  }
  if (def.opensOn) copy.opensOn = addDays(def.opensOn, shift)
  return copy
}
