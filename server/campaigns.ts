/** Campaigns: definitions stored as data, summarised with deadlines computed by the server. */
import type { CampaignDefinition } from '../types/campaign'
import { campaignStatus, deadlineInstant } from '../types/deadline'
import { formatDeadlineDay, startOfDay } from '../types/time'
import type { CampaignDetail, CampaignSummary } from '../types/domain'
import { changeProblems, type DefinitionUsage } from '../types/definition-change'
import { EDITABLE_STATUSES, RECOMMENDED_STATUSES } from '../types/status'
import { validateDefinition, type DefinitionProblem } from '../types/validate-definition'
import type { Db, Queryable } from './db'
import { AppError } from './errors'
import { APP_PATHS, MESSAGE_KINDS, notify } from './messages'

interface CampaignRow {
  definition: CampaignDefinition
  is_demo: boolean
}

const STATUS_ORDER = { open: 0, upcoming: 1, closed: 2 } as const

/** What a summary reads of a definition: the list asks PostgreSQL for these parts only, not the whole definition. */
const SUMMARY_KEYS = ['id', 'title', 'issuer', 'tagline', 'opensOn', 'timezone', 'deadlines'] as const
type SummaryParts = Pick<CampaignDefinition, (typeof SUMMARY_KEYS)[number]>
const SUMMARY_PARTS = `jsonb_strip_nulls(jsonb_build_object(${SUMMARY_KEYS.map((k) => `'${k}', definition->'${k}'`).join(', ')}))`

export function summarise(def: SummaryParts, isDemo: boolean, now: number): CampaignSummary {
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
  // the parts a summary reads (a whole definition is about 20 KB of JSON to send and parse)
  const rows = await db.query<{ definition: SummaryParts; is_demo: boolean }>(`SELECT ${SUMMARY_PARTS} AS definition, is_demo FROM campaigns WHERE state = 'published'`)
  return rows
    .map((r) => summarise(r.definition, r.is_demo, now))
    .sort((a, b) => {
      const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status]
      if (byStatus) return byStatus
      const byDeadline = a.enterpriseDeadlineAt.localeCompare(b.enterpriseDeadlineAt)
      return a.status === 'closed' ? -byDeadline : byDeadline
    })
}

/** A published campaign, as enterprises see it. */
export async function getCampaign(db: Queryable, id: string, now: number): Promise<CampaignDetail | null> {
  const [row] = await db.query<CampaignRow>("SELECT definition, is_demo FROM campaigns WHERE id = $1 AND state = 'published'", [id])
  return row ? { ...summarise(row.definition, row.is_demo, now), definition: row.definition } : null
}

const DEFINITION_TTL_MS = 10_000
const definitionCache = new Map<string, { def: CampaignDefinition; at: number }>()

/**
 * A published campaign's definition for validating saves, cached for a few seconds per process:
 * saves are the hot path, definitions change rarely, and deadlines are never taken
 * from the cache (they are checked in SQL against the campaigns table).
 */
export async function cachedDefinition(db: Queryable, id: string): Promise<CampaignDefinition | null> {
  const hit = definitionCache.get(id)
  if (hit && Date.now() - hit.at < DEFINITION_TTL_MS) return hit.def
  const [row] = await db.query<CampaignRow>("SELECT definition, is_demo FROM campaigns WHERE id = $1 AND state = 'published'", [id])
  if (!row) return null
  definitionCache.set(id, { def: row.definition, at: Date.now() })
  return row.definition
}

export interface PublishOptions {
  /** Where the version came from: `file:<name>`, studio, cli, deadline, close. */
  source: string
  actorId?: string | null
  /** What the audit log calls it; `publish` when absent. */
  action?: string
  isDemo?: boolean
  /** Publish again a campaign that was taken down (the studio's 发布); other sources keep its state. */
  republish?: boolean
  /** Why deadlines moved, kept with the change. */
  reason?: string
}

export interface Published {
  definition: CampaignDefinition
  version: number
  /** False when the definition was already the current version: nothing was written. */
  changed: boolean
}

/** Every problem of a definition as field errors `{ field: path }`, for a 400/409 answer. */
export function definitionError(status: 400 | 409, code: string, problems: DefinitionProblem[]): AppError {
  const fields = problems.map((p) => ({ field: p.path, code, message: p.message }))
  return new AppError(status, code, problems.length > 1 ? `${problems[0].message}（共 ${problems.length} 处问题）` : problems[0].message, fields)
}

/**
 * Publishes a definition as the campaign's next version, in one transaction: checked by the
 * schema (400 DEFINITION_INVALID, every problem by path) and, for a campaign already
 * published, by the change rules against the answers its demands hold (409
 * DEFINITION_CHANGE_REFUSED, with counts). A moved deadline cancels reminders planned for the
 * old one and tells the enterprises still filing in their message center. Audited.
 */
export async function publishVersion(db: Db, input: unknown, opts: PublishOptions, now: number): Promise<Published> {
  const result = validateDefinition(input)
  if (!result.ok) throw definitionError(400, 'DEFINITION_INVALID', result.problems)
  const def = result.definition
  const published = await db.transaction(async (tx) => {
    const [current] = await tx.query<{ definition: CampaignDefinition; version: number; state: string }>(
      'SELECT definition, version, state FROM campaigns WHERE id = $1 FOR UPDATE',
      [def.id]
    )
    const republish = opts.republish && current?.state !== 'published'
    if (current && !republish && sameDefinition(current.definition, def)) return { definition: current.definition, version: current.version, changed: false }
    if (current) {
      const problems = changeProblems(current.definition, def, await definitionUsage(tx, def.id))
      if (problems.length) throw definitionError(409, 'DEFINITION_CHANGE_REFUSED', problems)
    }
    const version = (current?.version ?? 0) + 1
    await tx.query(
      `INSERT INTO campaigns (id, definition, is_demo, opens_at, enterprise_deadline_at, recommender_deadline_at, version, state, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', $8)
       ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, opens_at = EXCLUDED.opens_at,
         enterprise_deadline_at = EXCLUDED.enterprise_deadline_at, recommender_deadline_at = EXCLUDED.recommender_deadline_at,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, state = CASE WHEN $9 THEN 'published' ELSE campaigns.state END`,
      [
        def.id,
        JSON.stringify(def),
        opts.isDemo ?? false,
        def.opensOn ? new Date(startOfDay(def.opensOn, def.timezone)) : null,
        new Date(deadlineInstant(def.deadlines.enterprise, def.timezone)),
        new Date(deadlineInstant(def.deadlines.recommender, def.timezone)),
        version,
        new Date(now),
        Boolean(opts.republish)
      ]
    )
    await tx.query(
      'INSERT INTO campaign_versions (campaign_id, version, definition, source, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [def.id, version, JSON.stringify(def), opts.source, opts.actorId ?? null, new Date(now)]
    )
    const before = current?.definition.deadlines
    const moved = before && (before.enterprise !== def.deadlines.enterprise || before.recommender !== def.deadlines.recommender)
    if (moved) await deadlinesMoved(tx, def, before, opts, now)
    await auditCampaign(tx, def.id, opts.actorId ?? null, opts.action ?? 'publish', version, moved ? { deadlines: def.deadlines, previous: before } : {}, now)
    return { definition: def, version, changed: true }
  })
  definitionCache.delete(def.id)
  return published
}

export async function auditCampaign(db: Queryable, campaignId: string, actorId: string | null, action: string, version: number | null, detail: object, now: number) {
  await db.query('INSERT INTO campaign_audit (campaign_id, actor_id, action, version, detail, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    campaignId,
    actorId,
    action,
    version,
    JSON.stringify(detail),
    new Date(now)
  ])
}

/** Key order aside, the same JSON. */
function sameDefinition(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

/** How the campaign's demands use its definition (answers by field and value, units, quotas). */
async function definitionUsage(db: Queryable, campaignId: string): Promise<DefinitionUsage> {
  const rows = await db.query<{ key: string; value: string | null; n: number }>(
    `WITH a AS (SELECT d.id, e.key, e.value FROM demands d, jsonb_each(d.answers || d.recommender_answers) e WHERE d.campaign_id = $1)
     SELECT key, NULL AS value, count(DISTINCT id)::int AS n FROM a
      WHERE value NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb) GROUP BY key
     UNION ALL
     SELECT a.key, v.value, count(DISTINCT a.id)::int FROM a, LATERAL (
       -- a choice (a 其他 choice is {value, other}), each choice of a list, an area and area/direction
       SELECT CASE jsonb_typeof(e) WHEN 'string' THEN e #>> '{}' WHEN 'object' THEN e ->> 'value' END AS value
         FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.value) = 'array' THEN a.value ELSE jsonb_build_array(a.value) END) e
       UNION ALL SELECT a.value ->> 'domain' WHERE jsonb_typeof(a.value) = 'object'
       UNION ALL SELECT (a.value ->> 'domain') || '/' || (a.value ->> 'direction') WHERE jsonb_typeof(a.value) = 'object' AND a.value ->> 'direction' <> ''
     ) v WHERE v.value IS NOT NULL GROUP BY a.key, v.value`,
    [campaignId]
  )
  const units = await db.query<{ unit: string; chosen: number; recommended: number }>(
    `SELECT recommender_unit AS unit, count(*)::int AS chosen, count(*) FILTER (WHERE status = ANY($2))::int AS recommended
       FROM demands WHERE campaign_id = $1 AND recommender_unit IS NOT NULL GROUP BY recommender_unit`,
    [campaignId, RECOMMENDED_STATUSES]
  )
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM demands WHERE campaign_id = $1', [campaignId])
  const usage: DefinitionUsage = { demands: n, answered: {}, values: {}, byUnit: {}, recommendedByUnit: {} }
  for (const r of rows) {
    if (r.value === null) usage.answered[r.key] = r.n
    else (usage.values[r.key] ??= {})[r.value] = r.n
  }
  for (const u of units) {
    usage.byUnit[u.unit] = u.chosen
    if (u.recommended) usage.recommendedByUnit[u.unit] = u.recommended
  }
  return usage
}

/** Reminders planned for the old deadlines are cancelled; enterprises still filing are told. */
async function deadlinesMoved(db: Queryable, def: CampaignDefinition, before: CampaignDefinition['deadlines'], opts: PublishOptions, now: number) {
  await db.query(
    `INSERT INTO campaign_deadline_changes (campaign_id, enterprise, recommender, previous_enterprise, previous_recommender, reason, changed_by, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [def.id, def.deadlines.enterprise, def.deadlines.recommender, before.enterprise, before.recommender, opts.reason ?? '', opts.actorId ?? null, new Date(now)]
  )
  const enterpriseAt = deadlineInstant(def.deadlines.enterprise, def.timezone)
  await db.query(
    `UPDATE reminder_runs SET state = 'cancelled', finished_at = $4
      WHERE campaign_id = $1 AND state = 'pending'
        AND deadline_at <> CASE audience WHEN 'enterprise' THEN $2::timestamptz ELSE $3::timestamptz END`,
    [def.id, new Date(enterpriseAt), new Date(deadlineInstant(def.deadlines.recommender, def.timezone)), new Date(now)]
  )
  if (before.enterprise === def.deadlines.enterprise) return
  const owners = await db.query<{ userId: string }>(
    'SELECT DISTINCT owner_id AS "userId" FROM demands WHERE campaign_id = $1 AND status = ANY($2)',
    [def.id, EDITABLE_STATUSES]
  )
  const closed = enterpriseAt <= now
  for (const { userId } of owners) {
    await notify(
      db,
      {
        userId,
        kind: MESSAGE_KINDS.deadlineChanged,
        title: closed ? `“${def.title}”已停止填报` : `“${def.title}”填报截止时间调整`,
        body: closed
          ? `主办单位已提前结束本次征集的企业填报（原截止 ${formatDeadlineDay(before.enterprise)}）。${opts.reason ?? ''}`.trim()
          : `企业填报截止时间由 ${formatDeadlineDay(before.enterprise)} 调整为 ${formatDeadlineDay(def.deadlines.enterprise)}。${opts.reason ?? ''}`.trim(),
        path: APP_PATHS.campaign(def.id),
        campaignId: def.id
      },
      now
    )
  }
}
