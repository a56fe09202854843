/**
 * The campaigns this product ships as seed data: every `*.json` file in this folder, one per
 * notice. There is no list in code: a valid file dropped here is published at the next start
 * (server/seed.ts). After that the database holds the campaign, and the bureau edits it in the
 * studio or an operator with `npm run campaign`.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { CampaignDefinition } from '../types/campaign'
import { addDays, dayOf, daysBetween } from '../types/time'
import { validateDefinition, type DefinitionProblem } from '../types/validate-definition'

export const CAMPAIGN_DIR = __dirname

/** A file's definition, or every `path: message` problem in it (a JSON syntax error included). */
export function readDefinitionFile(file: string): { ok: true; definition: CampaignDefinition } | { ok: false; problems: DefinitionProblem[] } {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `无法读取文件：${(err as Error).message}` }] }
  }
  let input: unknown
  try {
    input = JSON.parse(text)
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `不是有效的 JSON 文件：${(err as Error).message}` }] }
  }
  return validateDefinition(input)
}

/** The seed files, by name, in a stable order. */
export function campaignFiles(dir = CAMPAIGN_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f))
}

export function describeProblems(title: string, problems: DefinitionProblem[]): string {
  return `${title}（${problems.length} 处问题）：\n${problems.map((p) => `  ${p.path || '（整个文件）'}: ${p.message}`).join('\n')}`
}

/** The shipped definitions (tests and benchmarks read them); a broken file throws with its problems. */
export const CAMPAIGN_DEFINITIONS: CampaignDefinition[] = campaignFiles().map((file) => {
  const result = readDefinitionFile(file)
  if (!result.ok) throw new Error(describeProblems(`活动定义 ${path.basename(file)} 无效`, result.problems))
  return result.definition
})

/** Days from today (in the campaign's time zone) to the enterprise deadline of a demo copy. */
export const DEMO_LEAD_DAYS = 21

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
  let lead = DEMO_LEAD_DAYS
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
