/** Campaigns: definitions stored as data, summarised with deadlines computed by the server. */
import type { CampaignDefinition } from '../types/campaign'
import { campaignStatus, deadlineInstant } from '../types/deadline'
import { startOfDay } from '../types/time'
import type { CampaignDetail, CampaignSummary } from '../types/domain'
import { validateDefinition } from '../types/validate-definition'
import type { Queryable } from './db'

interface CampaignRow {
  definition: CampaignDefinition
  is_demo: boolean
}

const STATUS_ORDER = { open: 0, upcoming: 1, closed: 2 } as const

export function summarise(def: CampaignDefinition, isDemo: boolean, now: number): CampaignSummary {
  return {
    id: def.id,
    title: def.title,
    issuer: def.issuer,
    tagline: def.tagline,
    isDemo,
    status: campaignStatus(def, now),
    opensAt: def.opensOn ? new Date(startOfDay(def.opensOn, def.timezone)).toISOString() : null,
    enterpriseDeadlineAt: new Date(deadlineInstant(def.deadlines.enterprise, def.timezone)).toISOString(),
    recommenderDeadlineAt: new Date(deadlineInstant(def.deadlines.recommender, def.timezone)).toISOString()
  }
}

/** Open campaigns first (soonest deadline first), then upcoming, then closed (latest first). */
export async function listCampaigns(db: Queryable, now: number): Promise<CampaignSummary[]> {
  const rows = await db.query<CampaignRow>('SELECT definition, is_demo FROM campaigns')
  return rows
    .map((r) => summarise(r.definition, r.is_demo, now))
    .sort((a, b) => {
      const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status]
      if (byStatus) return byStatus
      const byDeadline = a.enterpriseDeadlineAt.localeCompare(b.enterpriseDeadlineAt)
      return a.status === 'closed' ? -byDeadline : byDeadline
    })
}

export async function getCampaign(db: Queryable, id: string, now: number): Promise<CampaignDetail | null> {
  const [row] = await db.query<CampaignRow>('SELECT definition, is_demo FROM campaigns WHERE id = $1', [id])
  return row ? { ...summarise(row.definition, row.is_demo, now), definition: row.definition } : null
}

const DEFINITION_TTL_MS = 10_000
const definitionCache = new Map<string, { def: CampaignDefinition; at: number }>()

/**
 * A campaign's definition for validating saves, cached for a few seconds per process:
 * saves are the hot path, definitions change rarely, and deadlines are never taken
 * from the cache (they are checked in SQL against the campaigns table).
 */
export async function cachedDefinition(db: Queryable, id: string): Promise<CampaignDefinition | null> {
  const hit = definitionCache.get(id)
  if (hit && Date.now() - hit.at < DEFINITION_TTL_MS) return hit.def
  const [row] = await db.query<CampaignRow>('SELECT definition, is_demo FROM campaigns WHERE id = $1', [id])
  if (!row) return null
  definitionCache.set(id, { def: row.definition, at: Date.now() })
  return row.definition
}

/** Publishes or updates a campaign; a definition that fails the schema is refused with its paths. */
export async function upsertCampaign(db: Queryable, input: unknown, isDemo: boolean): Promise<CampaignDefinition> {
  const result = validateDefinition(input)
  if (!result.ok) {
    throw new Error('活动定义不合法：\n' + result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'))
  }
  const def = result.definition
  definitionCache.delete(def.id)
  await db.query(
    `INSERT INTO campaigns (id, definition, is_demo, opens_at, enterprise_deadline_at, recommender_deadline_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, is_demo = EXCLUDED.is_demo,
       opens_at = EXCLUDED.opens_at, enterprise_deadline_at = EXCLUDED.enterprise_deadline_at,
       recommender_deadline_at = EXCLUDED.recommender_deadline_at, updated_at = now()`,
    [
      def.id,
      JSON.stringify(def),
      isDemo,
      def.opensOn ? new Date(startOfDay(def.opensOn, def.timezone)) : null,
      new Date(deadlineInstant(def.deadlines.enterprise, def.timezone)),
      new Date(deadlineInstant(def.deadlines.recommender, def.timezone))
    ]
  )
  return def
}
