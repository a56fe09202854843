/**
 * The recommending units' workflow and the bureau's view: campaigns with counts, the inbox
 * of demands that chose the unit, the submitted version, return / recommend / not
 * recommend, the ranked list within the quota, the bureau's outcome. Every change runs in one
 * transaction with its timeline event and message. (The enterprise's status page: demand-status.ts.)
 *
 * Who sees what: a recommender only demands whose latest submission chose its unit; the
 * bureau (its account's unit is the campaign's issuer) every demand of its campaigns;
 * anything else answers 404.
 *
 * Quotas are race-safe in the database: every change to a unit's recommended list first
 * locks the unit's row in recommendation_quotas, and the count it stores there is CHECKed
 * against the quota, so two recommenders of one unit can never exceed it. A unit type's
 * sub-quotas and the 重点推荐 mark's max are counted under that same lock.
 *
 * What the unit gives with a recommendation (types/recommender-fields.ts): its answers to the
 * campaign's `recommenders.fields` and one opinion per sign-off (`signoff:<id>`), checked by
 * the enterprise side's engine; its stamped scans (files of side 'recommender', checked as the
 * enterprise's are); the 重点推荐 mark; the offline deliverables it ticks. Kept on the demand
 * with the unit they belong to (migration 009): a unit never reads what another one left.
 */
import crypto from 'node:crypto'
import { allFields, issuedBy, quotaOf, type AttachmentsField, type CampaignDefinition, type FieldDefinition } from '../types/campaign'
import { deadlineInstant, isBeforeDeadline } from '../types/deadline'
import { countdown, formatCountdown, formatDeadlineDay } from '../types/time'
import { domainLabel, unitName, unitRef } from '../types/display'
import { DEMAND_STATUS_LABELS, type DemandStatus, type FieldError } from '../types/domain'
import type { Answers, AttachmentRef } from '../types/engine'
import type {
  DomainRef,
  InboxItem,
  InboxPage,
  InboxSort,
  QuotaMeter,
  RankedItem,
  RecommendInput,
  SubQuotaMeter,
  Ranking,
  ReviewCampaign,
  ReviewDemand,
  SimilarDemand,
  StatusCounts
} from '../types/recommend'
import {
  RECOMMENDED_STATUSES,
  checkAction,
  deadlineContext,
  nextActions,
  type StatusAction
} from '../types/status'
import {
  conditionHolds,
  recommenderFields,
  storedRecommenderAnswers,
  subQuotaFields,
  subQuotasOf,
  validateRecommenderAnswers
} from '../types/recommender-fields'
import type { Session } from './auth/sessions'
import { SERVES_CAMPAIGN, servesCampaign } from './unit-scope'
import { cachedDefinition, summarise } from './campaigns'
import type { Db, Queryable } from './db'
import { AppError, badRequest, notFound } from './errors'
import { storeAttachment, type CheckedUpload, type StoredAttachment } from './files'
import { APP_PATHS, notify, postThreadMessage } from './messages'
import { recordStatusEvent, timelineOf } from './status-events'

/** A signed-in recommender (unit = recommending unit id) or bureau (unit = campaign issuer). */
export type Reviewer = Session & { role: 'recommender' | 'bureau'; recommenderUnit: string }

/** Statuses that count as reviewed: the unit has acted (or the bureau has decided). */
const REVIEWED: DemandStatus[] = ['returned', 'recommended', 'not_recommended', 'selected', 'not_selected']
/** Below this trigram similarity two demands are not shown as similar. */
export const SIMILARITY_MIN = 0.1

// ─── Campaigns and units ────────────────────────────────────────────────────

interface CampaignRow {
  id: string
  definition: CampaignDefinition
  isDemo: boolean
}

const canSee = (viewer: Reviewer, def: CampaignDefinition) =>
  viewer.role === 'bureau'
    ? issuedBy(def, viewer.recommenderUnit)
    : servesCampaign(def, viewer.recommenderIssuer) && def.recommenders.units.some((u) => u.id === viewer.recommenderUnit)

/**
 * The campaign, when the viewer takes part in it; 404 otherwise. Lists read the definition
 * from the short per-process cache; `fresh` reads it from the table, for decisions that
 * depend on its deadlines.
 */
export async function campaignFor(db: Queryable, viewer: Reviewer, campaignId: string, fresh = false): Promise<{ definition: CampaignDefinition }> {
  const definition = fresh
    ? (await db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE id = $1', [campaignId]))[0]?.definition
    : await cachedDefinition(db, campaignId)
  if (!definition || !canSee(viewer, definition)) throw notFound('征集活动')
  return { definition }
}

/** The units a viewer's lists cover: its own, or for the bureau one chosen unit or all. */
export function unitsInScope(def: CampaignDefinition, viewer: Reviewer, unit?: string): string[] {
  if (viewer.role === 'recommender') return [viewer.recommenderUnit]
  if (!unit) return def.recommenders.units.map((u) => u.id)
  if (!def.recommenders.units.some((u) => u.id === unit)) throw notFound('推荐单位')
  return [unit]
}

const domainRef = (def: CampaignDefinition, domainId: string | null, direction: string | null): DomainRef | null =>
  domainId ? { id: domainId, label: domainLabel(def, { domain: domainId, direction: '' }), direction } : null

/** Counts by status as the lists show them (also the bureau's overview, server/overview.ts). */
export function tally(rows: Array<{ status: DemandStatus; n: number }>): StatusCounts {
  const counts: StatusCounts = { received: 0, reviewed: 0, recommended: 0, byStatus: {} }
  for (const { status, n } of rows) {
    counts.received += n
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + n
    if (REVIEWED.includes(status)) counts.reviewed += n
    if (RECOMMENDED_STATUSES.includes(status)) counts.recommended += n
  }
  return counts
}

/** The campaigns where the viewer recommends (or, for the bureau, that it issued), with counts. */
export async function listReviewCampaigns(db: Queryable, viewer: Reviewer, now: number): Promise<ReviewCampaign[]> {
  const rows = (await db.query<CampaignRow>('SELECT id, definition, is_demo AS "isDemo" FROM campaigns')).filter((r) =>
    canSee(viewer, r.definition)
  )
  const own = viewer.role === 'recommender' ? viewer.recommenderUnit : null
  const counts = await db.query<{ campaignId: string; status: DemandStatus; n: number }>(
    `SELECT campaign_id AS "campaignId", status, count(*)::int AS n FROM demands
      WHERE campaign_id = ANY($1) AND recommender_unit IS NOT NULL AND ($2::text IS NULL OR recommender_unit = $2)
      GROUP BY 1, 2`,
    [rows.map((r) => r.id), own]
  )
  return rows
    .map(({ id, definition: def, isDemo }) => {
      const left = countdown(deadlineInstant(def.deadlines.recommender, def.timezone), now)
      return {
        campaign: summarise(def, isDemo, now),
        unit: own ? unitRef(def, own) : null,
        quota: own ? quotaOf(def, own) : null,
        counts: tally(counts.filter((c) => c.campaignId === id)),
        daysLeft: left.days,
        countdownText: formatCountdown(left),
        readOnly: left.done
      }
    })
    .sort((a, b) => {
      if (a.readOnly !== b.readOnly) return a.readOnly ? 1 : -1
      const byDeadline = a.campaign.recommenderDeadlineAt.localeCompare(b.campaign.recommenderDeadlineAt)
      return a.readOnly ? -byDeadline : byDeadline
    })
}

// ─── Demands as the unit sees them ──────────────────────────────────────────

interface ReviewRow {
  id: string
  campaignId: string
  ownerId: string
  title: string
  status: DemandStatus
  rank: number | null
  unitId: string
  domainId: string | null
  direction: string | null
  submittedVersion: number
  submittedAt: Date
  /** The quality assistant's score of the submitted version (migration 014); null before it was kept. */
  score: number | null
  definition: CampaignDefinition
  /** The unit's record of the demand (empty when it is another unit's, see migration 009). */
  recommenderAnswers: Answers
  keyRecommended: boolean
  deliverables: string[]
}

/** SQL: the unit's answers and deliverables on demand `d` are its current unit's (not left by a unit it chose before). */
const OWN_RECORD = 'd.recommender_data_unit IS NOT DISTINCT FROM d.recommender_unit'
/**
 * SQL SET items with which the unit takes the demand's record as it sets `setting`: the other
 * part is kept when it is this unit's, cleared when another unit left it.
 */
const claimRecord = (setting: 'recommender_answers' | 'deliverables_received') => {
  const keep = (col: string, empty: string) => `${col} = CASE WHEN recommender_data_unit IS NOT DISTINCT FROM recommender_unit THEN ${col} ELSE ${empty} END`
  const other = setting === 'recommender_answers' ? keep('deliverables_received', `'{}'::text[]`) : keep('recommender_answers', `'{}'::jsonb`)
  return `${other}, recommender_data_unit = recommender_unit`
}

const REVIEW_COLUMNS = `d.id, d.campaign_id AS "campaignId", d.owner_id AS "ownerId", d.submitted_title AS title, d.status, d.rank,
  d.recommender_unit AS "unitId", d.domain_id AS "domainId", d.direction, d.submitted_version AS "submittedVersion",
  d.submitted_at AS "submittedAt", d.quality_score AS score, c.definition, d.key_recommended AS "keyRecommended",
  CASE WHEN ${OWN_RECORD} THEN d.recommender_answers ELSE '{}'::jsonb END AS "recommenderAnswers",
  CASE WHEN ${OWN_RECORD} THEN d.deliverables_received ELSE '{}'::text[] END AS "deliverables"`

/**
 * A submitted demand the viewer may see (chose its unit / in its campaign); 404 otherwise.
 * `recommender_unit` is set by submissions only: not null means submitted.
 */
async function loadForReviewer(db: Queryable, viewer: Reviewer, id: string, lock = false): Promise<ReviewRow> {
  const [row] = await db.query<ReviewRow>(
    `SELECT ${REVIEW_COLUMNS} FROM demands d JOIN campaigns c ON c.id = d.campaign_id JOIN users u ON u.id = $2
      WHERE d.id = $1 AND d.recommender_unit IS NOT NULL
        AND ${SERVES_CAMPAIGN} AND (u.role = 'bureau' OR d.recommender_unit = u.recommender_unit)
      ${lock ? 'FOR UPDATE OF d' : ''}`,
    [id, viewer.userId]
  )
  if (!row) throw notFound('需求')
  return row
}

type ListRow = Omit<ReviewRow, 'campaignId' | 'ownerId' | 'definition' | 'recommenderAnswers' | 'deliverables'> & { enterpriseName: string }

const LIST_COLUMNS = `d.id, d.submitted_title AS title, d.status, d.rank, d.recommender_unit AS "unitId", d.domain_id AS "domainId", d.direction,
  d.submitted_version AS "submittedVersion", d.submitted_at AS "submittedAt", d.enterprise_name AS "enterpriseName",
  d.key_recommended AS "keyRecommended", d.quality_score AS score`

function toItem(def: CampaignDefinition, r: ListRow): InboxItem {
  return {
    id: r.id,
    title: r.title,
    enterpriseName: r.enterpriseName,
    domain: domainRef(def, r.domainId, r.direction),
    status: r.status,
    statusLabel: DEMAND_STATUS_LABELS[r.status],
    rank: r.rank,
    unit: unitRef(def, r.unitId),
    submittedVersion: r.submittedVersion,
    submittedAt: new Date(r.submittedAt).toISOString(),
    score: r.score
  }
}

/** Orders of the inbox; newest and oldest first follow the inbox index (forwards, backwards). */
export const INBOX_SORTS = {
  latest: 'd.submitted_at DESC, d.id',
  earliest: 'd.submitted_at ASC, d.id DESC',
  rank: 'd.rank ASC NULLS LAST, d.submitted_at DESC, d.id',
  /** The quality assistant's score, best first; demands not scored yet last (migration 014's index). */
  score: 'd.quality_score DESC NULLS LAST, d.submitted_at DESC, d.id'
} as const satisfies Record<InboxSort, string>

export interface InboxQuery {
  status?: DemandStatus
  domain?: string
  direction?: string
  q?: string
  /** Bureau only: one unit's demands. */
  unit?: string
  sort?: keyof typeof INBOX_SORTS
  page: number
  pageSize: number
}

/**
 * The inbox counts its matches exactly up to this many; past it, the total is the planner's
 * estimate and the page says so (totalEstimated: 约 N 项). Counting 100,000 entries of an index on
 * every page was most of the inbox's time as the work grew (issue 14).
 */
export const EXACT_COUNT_MAX = 1000

/** The inbox's match count (up to EXACT_COUNT_MAX + 1) and, for a recommender, its unit's ranked demands. */
type Counts = { counted: number; used: number | null }

/** Matches anywhere in the search key (see searchKey), with % and _ taken literally. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`

/** One page of the demands that chose the unit (the bureau: every unit), filtered and sorted. */
export async function listInbox(db: Queryable, viewer: Reviewer, campaignId: string, query: InboxQuery): Promise<InboxPage> {
  const { definition: def } = await campaignFor(db, viewer, campaignId)
  const units = unitsInScope(def, viewer, query.unit)
  const params: unknown[] = [campaignId]
  const where = ['d.campaign_id = $1', 'd.recommender_unit IS NOT NULL']
  const add = (sql: string, value: unknown) => {
    params.push(value)
    where.push(sql.replace(/\?/g, () => `$${params.length}`))
  }
  if (viewer.role === 'recommender' || query.unit) add('d.recommender_unit = ?', units[0])
  if (query.status) add('d.status = ?', query.status)
  if (query.domain) add('d.domain_id = ?', query.domain)
  if (query.direction) add('d.direction = ?', query.direction)
  const q = query.q?.trim()
  if (q) add('d.search_key LIKE ?', likePattern(q))
  const filter = where.join(' AND ')
  // The recommender's quota meter comes with the count: its unit's ranked demands ($2 is its
  // unit, the first filter added above). A unit's ranks are 1…n without gaps (a recommendation
  // takes n + 1, a withdrawal closes up, a re-ranking numbers 1…n; UNIQUE per unit), so n is the
  // highest rank: one probe of the ranked list's index, however many demands it holds.
  const used =
    viewer.role === 'recommender'
      ? `(SELECT coalesce(max(r.rank), 0) FROM demands r WHERE r.campaign_id = $1 AND r.recommender_unit = $2)::int`
      : 'NULL::int'
  const order = INBOX_SORTS[query.sort ?? 'latest']
  const offset = (query.page - 1) * query.pageSize
  // A word search counts in the inbox index's order (one unit's demands or all), reading the
  // index, whose entries carry the search key: left to itself the planner reads the table from
  // its start, for a word in every demand 2× the pages and 7× the time. (Other filters have
  // narrower indexes of their own, without an order.)
  const countOrder = q ? `ORDER BY d.recommender_unit, ${INBOX_SORTS.latest}` : ''
  // One statement: the counts, then the page's rows beside them (an empty page: one row of counts,
  // its demand columns null). The count stops one past EXACT_COUNT_MAX, however many match; the
  // page's ids come first (from the index alone, however deep the page), then their rows.
  // Named by its text (the filters and sort chosen: a few hundred at most), so that each connection
  // parses and analyses it once. PostgreSQL still plans it for each request's values (a custom plan:
  // LIMIT and OFFSET are parameters), and planning took twice as long as running it (10,000 demands).
  const sql = `SELECT c.counted, c.used, ${LIST_COLUMNS}
       FROM (SELECT (SELECT count(*) FROM (SELECT 1 FROM demands d WHERE ${filter} ${countOrder} LIMIT ${EXACT_COUNT_MAX + 1}) m)::int AS counted, ${used} AS used) c
       LEFT JOIN (demands d
         JOIN (SELECT d.id FROM demands d WHERE ${filter}
                ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page ON page.id = d.id) ON true
      ORDER BY ${order}`
  const result = await db.query<Counts & (ListRow | Record<keyof ListRow, null>)>(sql, [...params, query.pageSize, offset], {
    name: `inbox-${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`
  })
  const counts = result[0]
  const rows = result.filter((r): r is Counts & ListRow => r.id !== null)
  const estimated = counts.counted > EXACT_COUNT_MAX
  // Beyond the exact count, the planner's estimate from the table's statistics, never below what
  // this page shows to exist (a full page: at least one more); the last page gives the exact number.
  const total = !estimated
    ? counts.counted
    : rows.length < query.pageSize && (rows.length > 0 || offset === 0)
      ? offset + rows.length
      : Math.max(roughly(await plannedRows(db, `SELECT 1 FROM demands d WHERE ${filter}`, params)), EXACT_COUNT_MAX + 1, offset + rows.length + (rows.length ? 1 : 0))
  return {
    items: rows.map((r) => toItem(def, r)),
    total,
    totalEstimated: estimated && total !== offset + rows.length,
    page: query.page,
    pageSize: query.pageSize,
    quota:
      counts.used === null
        ? null
        : meter(quotaOf(def, viewer.recommenderUnit), counts.used, (await meterExtras(db, def, campaignId, units)).get(viewer.recommenderUnit))
  }
}

/**
 * How many rows the planner expects `sql` to return, from the table's statistics: no row is read.
 * Close for the inbox's filters on campaign, unit, status, field and direction (the most common
 * values of each, and of them taken together: migration 016); a word search is a guess, which the
 * list says (约).
 */
async function plannedRows(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  const key = `${sql}\u0000${JSON.stringify(params)}`
  const kept = estimates.get(key)
  if (kept && Date.now() - kept.at < ESTIMATE_TTL_MS) return kept.rows
  const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)
  const plan = row['QUERY PLAN']
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan: { 'Plan Rows': number } }>
  const rows = parsed[0].Plan['Plan Rows']
  if (estimates.size >= ESTIMATES_MAX) estimates.delete(estimates.keys().next().value!)
  estimates.set(key, { rows, at: Date.now() })
  return rows
}

/**
 * The planner's estimates, kept a minute per filter in each process: the statistics behind them
 * change only when the table is analysed, and the list says 约 anyway. Paging and refreshing
 * then cost one round trip to the database instead of two.
 */
const ESTIMATE_TTL_MS = 60_000
const ESTIMATES_MAX = 1000
const estimates = new Map<string, { rows: number; at: number }>()

/** Two significant figures: an estimate does not pretend to be exact (49,812 → 50,000). */
function roughly(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1)
  return Math.round(n / unit) * unit
}

type MeterExtras = Pick<QuotaMeter, 'sub' | 'keyMarks'>

const meter = (quota: number | null, used: number, extras?: MeterExtras): QuotaMeter => ({
  quota,
  used,
  left: quota === null ? null : Math.max(0, quota - used),
  ...extras
})

/**
 * The parts of the units' meters beyond the quota, as their ranked demands use them: each
 * sub-quota (its condition on the submitted answers) and the 重点推荐 marks. One query, and
 * none when the campaign has neither.
 */
async function meterExtras(db: Queryable, def: CampaignDefinition, campaignId: string, units: string[]): Promise<Map<string, MeterExtras>> {
  const out = new Map<string, MeterExtras>()
  const keyMark = def.recommenders.keyMark
  const counted = keyMark ? units : units.filter((u) => subQuotasOf(def, u).length)
  if (!counted.length) return out
  const rows = await db.query<{ unitId: string; keyed: boolean; answers: Answers }>(
    `SELECT d.recommender_unit AS "unitId", d.key_recommended AS keyed,
            (SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(v.answers) e WHERE e.key = ANY($3::text[])) AS answers
       FROM demands d JOIN demand_versions v ON v.demand_id = d.id AND v.number = d.submitted_version
      WHERE d.campaign_id = $1 AND d.recommender_unit = ANY($2::text[]) AND d.rank IS NOT NULL`,
    [campaignId, counted, subQuotaFields(def)]
  )
  for (const u of counted) {
    const mine = rows.filter((r) => r.unitId === u)
    const extras: MeterExtras = {}
    const subs = subQuotasOf(def, u)
    if (subs.length) {
      extras.sub = subs.map((q): SubQuotaMeter => ({ id: q.id, label: q.label, max: q.max, used: mine.filter((r) => conditionHolds(q.when, r.answers)).length }))
    }
    if (keyMark) extras.keyMarks = { label: keyMark.label, max: keyMark.max ?? null, used: mine.filter((r) => r.keyed).length }
    out.set(u, extras)
  }
  return out
}

/**
 * The reviewer opens a demand: the unit's first opening of a submitted demand (before its
 * deadline) makes it 审核中 and tells the enterprise. Anyone else's opening, or a later one,
 * changes nothing. A POST: reading (GET) never changes state.
 */
export async function openForReview(db: Db, viewer: Reviewer, id: string, now: number): Promise<ReviewDemand> {
  const row = await loadForReviewer(db, viewer, id)
  if (viewer.role === 'recommender' && row.status === 'submitted' && checkAction('review', row.status, viewer.role, deadlineContext(row.definition, now)).ok) {
    await db.transaction(async (tx) => {
      const locked = await loadForReviewer(tx, viewer, id, true)
      if (locked.status === 'submitted') await changeStatus(tx, locked, viewer, 'review', { rank: null }, now)
    })
  }
  return getReviewDemand(db, viewer, id, now)
}

/** The latest submitted version with its timeline and what the viewer can do now. */
export async function getReviewDemand(db: Db, viewer: Reviewer, id: string, now: number): Promise<ReviewDemand> {
  const row = await loadForReviewer(db, viewer, id)
  const def = row.definition
  const [version] = await db.query<Omit<ReviewDemand['version'], 'submittedAt'> & { submittedAt: Date }>(
    `SELECT number, title, answers, profile, submitted_at AS "submittedAt" FROM demand_versions WHERE demand_id = $1 AND number = $2`,
    [id, row.submittedVersion]
  )
  return {
    ...toItem(def, { ...row, enterpriseName: version.profile.enterpriseName ?? '' }),
    campaignId: row.campaignId,
    campaignTitle: def.title,
    version: { ...version, submittedAt: new Date(version.submittedAt).toISOString() },
    timeline: await timelineOf(db, id),
    next: nextActions(row.status, viewer.role, deadlineContext(def, now)),
    recommendation: { answers: row.recommenderAnswers, keyRecommended: row.keyRecommended, deliverables: row.deliverables }
  }
}

/**
 * A file of the submitted version of a demand the viewer may review, or one its recommending
 * unit gave with its recommendation (a stamped scan); 404 for any other.
 */
export async function reviewAttachment(db: Queryable, viewer: Reviewer, demandId: string, attachmentId: string): Promise<StoredAttachment> {
  const row = await loadForReviewer(db, viewer, demandId)
  const [version] = await db.query<{ answers: Answers }>('SELECT answers FROM demand_versions WHERE demand_id = $1 AND number = $2', [
    demandId,
    row.submittedVersion
  ])
  const names = (fields: FieldDefinition[], answers: Answers | undefined) =>
    fields.some((f) => {
      const refs = f.kind === 'attachments' ? answers?.[f.id] : undefined
      return Array.isArray(refs) && refs.some((r: AttachmentRef) => r?.id === attachmentId)
    })
  const listed = names(allFields(row.definition), version?.answers) || names(recommenderFields(row.definition), row.recommenderAnswers)
  const [file] = listed
    ? await db.query<StoredAttachment>('SELECT name, type, content FROM attachments WHERE id = $1 AND demand_id = $2', [attachmentId, demandId])
    : []
  if (!file) throw notFound('附件')
  return file
}

/** The most similar other submitted demands of the campaign the viewer may see (trigram similarity of name + content). */
export async function similarDemands(db: Db, viewer: Reviewer, id: string): Promise<SimilarDemand[]> {
  const row = await loadForReviewer(db, viewer, id)
  const rows = await db.transaction(async (tx) => {
    // `%` uses the trigram index; its threshold is this transaction's.
    await tx.query(`SET LOCAL pg_trgm.similarity_threshold = ${SIMILARITY_MIN}`)
    return tx.query<Pick<ListRow, 'id' | 'title' | 'status' | 'unitId' | 'enterpriseName'> & { score: number }>(
      `SELECT o.id, o.submitted_title AS title, o.status, o.recommender_unit AS "unitId", o.enterprise_name AS "enterpriseName",
              similarity(o.search_text, d.search_text) AS score
         FROM demands d
         JOIN demands o ON o.campaign_id = d.campaign_id AND o.id <> d.id AND o.recommender_unit IS NOT NULL
        WHERE d.id = $1 AND o.search_text % d.search_text AND ($2::text IS NULL OR o.recommender_unit = $2)
        ORDER BY score DESC, o.id LIMIT 5`,
      [id, viewer.role === 'recommender' ? viewer.recommenderUnit : null]
    )
  })
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    enterpriseName: r.enterpriseName,
    unit: unitRef(row.definition, r.unitId),
    status: r.status,
    statusLabel: DEMAND_STATUS_LABELS[r.status],
    score: Math.round(Number(r.score) * 1000) / 1000
  }))
}

// ─── Status changes ─────────────────────────────────────────────────────────

/** The status `action` leads to, or the refusal with its code and Chinese message. */
function verify(row: ReviewRow, actor: Reviewer, action: StatusAction, now: number): DemandStatus {
  const verdict = checkAction(action, row.status, actor.role, deadlineContext(row.definition, now))
  if (!verdict.ok) throw new AppError(verdict.code === 'ILLEGAL_TRANSITION' || verdict.code === 'TOO_EARLY' ? 409 : 403, verdict.code, verdict.message)
  return verdict.to ?? row.status
}

const NOTICES: Partial<Record<DemandStatus, (p: { unit: string; issuer: string; reason: string; rank: number | null; until: string }) => [string, string]>> = {
  reviewing: (p) => ['推荐单位已开始审核', `已由${p.unit}开始审核，审核期间暂不能修改。`],
  returned: (p) => ['需求被退回修改', `被${p.unit}退回修改，原因：${p.reason}。请在${p.until}前修改后重新提交。`],
  recommended: (p) => ['需求已获推荐', `已由${p.unit}推荐，推荐排序第${p.rank}位，等待${p.issuer}遴选。`],
  not_recommended: (p) => ['需求未获推荐', `${p.unit}未予推荐，原因：${p.reason}。`],
  selected: (p) => ['需求已入选', `经${p.issuer}遴选，已入选。${p.reason ? `说明：${p.reason}` : ''}`],
  not_selected: (p) => ['需求未入选', `经${p.issuer}遴选，未入选。${p.reason ? `说明：${p.reason}` : ''}`]
}

/** Checks, applies, records on the timeline and tells the enterprise; inside the caller's transaction. */
async function changeStatus(
  tx: Queryable,
  row: ReviewRow,
  actor: Reviewer,
  action: StatusAction,
  extra: { rank: number | null; reason?: string },
  now: number
): Promise<void> {
  const to = verify(row, actor, action, now)
  const def = row.definition
  // Leaving the ranked list takes the 重点推荐 mark with it.
  await tx.query('UPDATE demands SET status = $2, rank = $3, key_recommended = key_recommended AND $3::int IS NOT NULL WHERE id = $1', [
    row.id,
    to,
    extra.rank
  ])
  const unit = unitName(def, row.unitId)
  await recordStatusEvent(
    tx,
    {
      demandId: row.id,
      action,
      from: row.status,
      to,
      actorId: actor.userId,
      actorRole: actor.role,
      actorUnit: actor.role === 'bureau' ? def.issuer : unit,
      reason: extra.reason ?? null,
      rank: extra.rank,
      version: row.submittedVersion
    },
    now
  )
  // The notice adds its own full stop after the reason.
  const reason = (extra.reason ?? '').replace(/[。．.！!？?；;\s]+$/u, '')
  const text = NOTICES[to]?.({ unit, issuer: def.issuer, reason, rank: extra.rank, until: formatDeadlineDay(def.deadlines.enterprise) })
  if (text) {
    await notify(
      tx,
      {
        userId: row.ownerId,
        kind: `status_${to}`,
        title: text[0],
        body: `您在“${def.title}”中填报的需求“${row.title || '未命名需求'}”${text[1]}`,
        path: APP_PATHS.demandStatus(row.id),
        demandId: row.id,
        campaignId: row.campaignId
      },
      now
    )
  }
}

export const REASON_MAX = 1000

function reasonOf(input: string, what: string): string {
  const reason = input.trim()
  if (!reason) throw badRequest('REASON_REQUIRED', `请填写${what}`, [{ field: 'reason', code: 'REQUIRED', message: `请填写${what}` }])
  if ([...reason].length > REASON_MAX) throw badRequest('REASON_TOO_LONG', `${what}不能超过${REASON_MAX}字`, [{ field: 'reason', code: 'TOO_LONG', message: `${what}不能超过${REASON_MAX}字` }])
  return reason
}

/** Returns a submitted demand for revision; the reason goes into the demand's thread. */
export async function returnDemand(db: Db, viewer: Reviewer, id: string, input: string, now: number): Promise<ReviewDemand> {
  const reason = reasonOf(input, '退回原因')
  await db.transaction(async (tx) => {
    const row = await loadForReviewer(tx, viewer, id, true)
    await changeStatus(tx, row, viewer, 'return', { rank: null, reason }, now)
    await postThreadMessage(tx, { demandId: id, authorId: viewer.userId, authorRole: 'recommender', kind: 'return_reason', body: reason }, now)
  })
  return getReviewDemand(db, viewer, id, now)
}

/** Locks the unit's quota row: every change to the unit's ranked list holds it first. */
async function lockUnit(tx: Queryable, campaignId: string, unitId: string): Promise<void> {
  await tx.query(
    `INSERT INTO recommendation_quotas (campaign_id, unit_id) VALUES ($1, $2) ON CONFLICT (campaign_id, unit_id) DO NOTHING`,
    [campaignId, unitId]
  )
  await tx.query('SELECT 1 FROM recommendation_quotas WHERE campaign_id = $1 AND unit_id = $2 FOR UPDATE', [campaignId, unitId])
}

/**
 * Stores the unit's ranked count (read after the lock, so it includes every committed change;
 * plus the one being added) against the quota: the CHECK refuses a count over it. When the
 * quota was lowered below what is already recommended, withdrawals still pass, additions not.
 * Returns the count, which is the rank of an added demand.
 */
async function storeCount(tx: Queryable, campaignId: string, unitId: string, quota: number | null, adding: 0 | 1): Promise<number> {
  try {
    const [{ used }] = await tx.query<{ used: number }>(
      `WITH n AS (SELECT count(*)::int + $4 AS n FROM demands WHERE campaign_id = $1 AND recommender_unit = $2 AND rank IS NOT NULL)
       UPDATE recommendation_quotas q SET used = n.n,
              quota = CASE WHEN $3::int IS NULL THEN NULL WHEN n.n > q.used THEN $3::int ELSE GREATEST($3::int, n.n) END
         FROM n WHERE q.campaign_id = $1 AND q.unit_id = $2 RETURNING q.used`,
      [campaignId, unitId, quota, adding]
    )
    return used
  } catch (err) {
    const e = err as { code?: string; constraint?: string }
    if (e.code === '23514' && e.constraint === 'recommendation_quota_used') {
      throw new AppError(409, 'QUOTA_EXCEEDED', `本单位推荐名额为${quota}项，已全部用完，不能再推荐；如需推荐，请先将已推荐的需求改为不予推荐`)
    }
    throw err
  }
}

/** Takes the demand the unit is about to change, under the unit's lock. */
async function lockedForRanking(tx: Queryable, viewer: Reviewer, id: string): Promise<ReviewRow> {
  const first = await loadForReviewer(tx, viewer, id)
  await lockUnit(tx, first.campaignId, first.unitId)
  // Read again under the lock: the enterprise may have moved it, a colleague may have acted.
  const row = await loadForReviewer(tx, viewer, id, true)
  if (row.unitId !== first.unitId) throw notFound('需求')
  return row
}

/**
 * Recommends a demand at the end of the unit's ranked list, within the quota and the unit
 * type's sub-quotas, with what the unit gives: its answers to `recommenders.fields` and the
 * sign-off opinions (checked by the engine as the enterprise's answers are: 400
 * VALIDATION_FAILED with every problem), and the 重点推荐 mark (within its max per unit).
 * All under the unit's lock, in one transaction: a refusal changes nothing.
 */
export async function recommendDemand(db: Db, viewer: Reviewer, id: string, now: number, input: RecommendInput = {}): Promise<ReviewDemand> {
  await db.transaction(async (tx) => {
    const row = await lockedForRanking(tx, viewer, id)
    verify(row, viewer, 'recommend', now) // an illegal move is refused as such, not as a full quota
    const def = row.definition
    const answers = recommenderAnswersOf(def, input.answers ?? {})
    await assertRecommenderFiles(tx, def, id, answers)
    const keyed = input.keyRecommended === true
    if (keyed) await checkKeyMarks(tx, row)
    const rank = await storeCount(tx, row.campaignId, row.unitId, quotaOf(def, row.unitId), 1)
    await checkSubQuotas(tx, row)
    await changeStatus(tx, row, viewer, 'recommend', { rank }, now)
    await tx.query(`UPDATE demands SET recommender_answers = $2, key_recommended = $3, ${claimRecord('recommender_answers')} WHERE id = $1`, [
      id,
      JSON.stringify(answers),
      keyed
    ])
  })
  return getReviewDemand(db, viewer, id, now)
}

/** The unit's answers as stored; 400 VALIDATION_FAILED with every problem, in Chinese, when any. */
function recommenderAnswersOf(def: CampaignDefinition, input: Answers): Answers {
  const issues = validateRecommenderAnswers(def, input)
  if (issues.length) {
    const fields: FieldError[] = issues.map(({ field, code, message }) => ({ field, code, message }))
    throw badRequest('VALIDATION_FAILED', `还有${issues.length}处需要完善：${issues[0].message}`, fields)
  }
  return storedRecommenderAnswers(def, input)
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every file the unit's answers name must be one uploaded for that field of this demand by its unit, unchanged. */
async function assertRecommenderFiles(tx: Queryable, def: CampaignDefinition, demandId: string, answers: Answers): Promise<void> {
  const refs = recommenderFields(def)
    .filter((f): f is AttachmentsField => f.kind === 'attachments')
    .flatMap((f) => ((answers[f.id] as AttachmentRef[] | undefined) ?? []).map((ref) => ({ field: f.id, ref })))
  if (!refs.length) return
  const rows = await tx.query<{ id: string; sha256: string; fieldId: string }>(
    `SELECT id, sha256, field_id AS "fieldId" FROM attachments WHERE demand_id = $1 AND side = 'recommender' AND id = ANY($2::uuid[])`,
    [demandId, refs.map((r) => r.ref.id).filter((x) => UUID_TEXT.test(x))]
  )
  const bad = refs.find((r) => {
    const file = rows.find((x) => x.id === r.ref.id.toLowerCase())
    return !file || file.sha256 !== r.ref.sha256 || file.fieldId !== r.field
  })
  if (bad) {
    const message = `附件“${bad.ref.name}”不存在或已被替换，请重新上传`
    throw badRequest('ATTACHMENT_UNKNOWN', message, [{ field: bad.field, code: 'ATTACHMENT_UNKNOWN', message }])
  }
}

/**
 * Refuses a demand that would take one of the unit type's sub-quotas past its max (the demand
 * meets its condition and the unit's ranked list already holds `max` that do). Under the
 * unit's lock, so two recommenders of the unit are counted one after the other.
 */
async function checkSubQuotas(tx: Queryable, row: ReviewRow): Promise<void> {
  const subs = subQuotasOf(row.definition, row.unitId)
  if (!subs.length) return
  const [own] = await tx.query<{ answers: Answers }>('SELECT answers FROM demand_versions WHERE demand_id = $1 AND number = $2', [
    row.id,
    row.submittedVersion
  ])
  const usage = (await meterExtras(tx, row.definition, row.campaignId, [row.unitId])).get(row.unitId)?.sub ?? []
  for (const q of subs) {
    if (!conditionHolds(q.when, own?.answers ?? {})) continue
    const used = usage.find((u) => u.id === q.id)?.used ?? 0
    if (used >= q.max) {
      throw new AppError(
        409,
        'SUB_QUOTA_EXCEEDED',
        `本单位推荐的需求中，“${q.label}”最多${q.max}项，已推荐${used}项，不能再推荐此类需求；如需推荐，请先将已推荐的同类需求改为不予推荐`
      )
    }
  }
}

/**
 * The recommender attachments field an upload goes to, once the unit may still recommend the
 * demand (a stamped scan comes with the recommendation): 404 outside the unit's scope, 400 for
 * a field that takes no files, 409 / 403 when the demand's status or the deadline says no.
 */
export async function recommenderUploadField(db: Queryable, viewer: Reviewer, id: string, fieldId: string, now: number): Promise<AttachmentsField> {
  const row = await loadForReviewer(db, viewer, id)
  const field = recommenderFields(row.definition).find((f) => f.id === fieldId)
  if (!field || field.kind !== 'attachments') throw badRequest('UNKNOWN_FIELD', '该推荐填写项不接受附件')
  const verdict = checkAction('recommend', row.status, viewer.role, deadlineContext(row.definition, now))
  if (!verdict.ok) {
    if (verdict.code === 'ILLEGAL_TRANSITION') {
      throw new AppError(409, 'ILLEGAL_TRANSITION', `需求当前状态为“${DEMAND_STATUS_LABELS[row.status]}”，推荐材料只能在推荐时上传`)
    }
    throw new AppError(403, verdict.code, verdict.message)
  }
  return field
}

/**
 * Stores a checked upload (server/files.ts receiveUpload) of the unit for a demand: within the
 * field's `maxFiles` and the unit's bytes per demand, counted apart from the enterprise's
 * files, under the demand's row lock; a file the unit's answers do not name makes way.
 */
export async function storeRecommenderFile(
  db: Db,
  viewer: Reviewer,
  id: string,
  field: AttachmentsField,
  file: CheckedUpload,
  maxBytesPerDemand: number,
  now: number
): Promise<AttachmentRef> {
  const stored = await db.transaction(async (tx) => {
    await loadForReviewer(tx, viewer, id, true)
    await recommenderUploadField(tx, viewer, id, field.id, now) // still so, under the lock
    const at = new Date(now)
    const result = await storeAttachment(
      tx,
      { demandId: id, ownerId: viewer.userId, field: { id: field.id, label: field.label, maxFiles: field.maxFiles }, ...file, side: 'recommender' },
      maxBytesPerDemand,
      at
    )
    await audit(tx, viewer, id, 'upload_recommender_attachment', { attachment: result.id, field: field.id, name: file.name, sha256: file.sha256, replaced: result.replaced }, at)
    return result
  })
  return { id: stored.id, name: file.name, size: file.content.length, type: file.type, sha256: file.sha256 }
}

/** Refuses a 重点推荐 mark the campaign does not have, or one past its max for the unit (under the unit's lock). */
async function checkKeyMarks(tx: Queryable, row: ReviewRow): Promise<void> {
  const mark = row.definition.recommenders.keyMark
  if (!mark) throw badRequest('KEY_MARK_UNAVAILABLE', '本次征集没有重点推荐标记，不能标记')
  if (mark.max === undefined) return
  const [{ n }] = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM demands WHERE campaign_id = $1 AND recommender_unit = $2 AND key_recommended AND id <> $3',
    [row.campaignId, row.unitId, row.id]
  )
  if (n >= mark.max) {
    throw new AppError(
      409,
      'KEY_MARK_EXCEEDED',
      `每个推荐单位最多标记${mark.max}项“${mark.label}”，本单位已标记${n}项；如需标记此项，请先取消其他需求的“${mark.label}”`
    )
  }
}

/** An entry of the audit log: what the viewer did to the demand, with its details. */
async function audit(tx: Queryable, viewer: Reviewer, demandId: string, action: string, detail: unknown, at: Date): Promise<void> {
  await tx.query(`INSERT INTO audit_log (actor_id, demand_id, action, detail, at) VALUES ($1, $2, $3, $4, $5)`, [viewer.userId, demandId, action, JSON.stringify(detail), at])
}

/** Sets or clears the 重点推荐 mark of a demand the unit has recommended, before its deadline. */
export async function setKeyMark(db: Db, viewer: Reviewer, id: string, keyed: boolean, now: number): Promise<ReviewDemand> {
  await db.transaction(async (tx) => {
    const row = await lockedForRanking(tx, viewer, id)
    const mark = row.definition.recommenders.keyMark
    if (!mark) throw badRequest('KEY_MARK_UNAVAILABLE', '本次征集没有重点推荐标记，不能标记')
    if (row.status !== 'recommended') {
      throw new AppError(409, 'NOT_RECOMMENDED', `需求当前状态为“${DEMAND_STATUS_LABELS[row.status]}”，只有已推荐的需求才能标记“${mark.label}”`)
    }
    verify(row, viewer, 'rerank', now) // the deadline, as for the order of the list
    if (keyed === row.keyRecommended) return
    if (keyed) await checkKeyMarks(tx, row)
    await tx.query('UPDATE demands SET key_recommended = $2 WHERE id = $1', [id, keyed])
    await audit(tx, viewer, id, 'key_mark', { keyRecommended: keyed, unit: row.unitId }, new Date(now))
  })
  return getReviewDemand(db, viewer, id, now)
}

/**
 * The campaign's offline deliverables the unit has received for a demand (the whole list,
 * as ticked now), until the recommender deadline; unknown ids are refused.
 */
export async function setDeliverables(db: Db, viewer: Reviewer, id: string, received: string[], now: number): Promise<ReviewDemand> {
  await db.transaction(async (tx) => {
    const row = await loadForReviewer(tx, viewer, id, true)
    const def = row.definition
    const known = (def.deliverables ?? []).map((d) => d.id)
    const unknown = received.filter((r) => !known.includes(r))
    if (unknown.length) {
      const message = known.length ? `“${unknown[0]}”不是本次征集要求报送的材料` : '本次征集没有需要线下报送的材料'
      throw badRequest('UNKNOWN_DELIVERABLE', message, [{ field: 'received', code: 'UNKNOWN_DELIVERABLE', message }])
    }
    if (!isBeforeDeadline(now, def.deadlines.recommender, def.timezone)) {
      throw new AppError(
        403,
        'RECOMMENDER_DEADLINE_PASSED',
        `推荐已于${formatDeadlineDay(def.deadlines.recommender)}截止，报送材料的登记只能查看，不能再修改`
      )
    }
    const list = known.filter((k) => received.includes(k)) // the campaign's order, each once
    await tx.query(`UPDATE demands SET deliverables_received = $2, ${claimRecord('deliverables_received')} WHERE id = $1`, [id, list])
    await audit(tx, viewer, id, 'deliverables', { received: list, unit: row.unitId }, new Date(now))
  })
  return getReviewDemand(db, viewer, id, now)
}

/** Not recommended, with a reason (also in the thread); a recommended one leaves the list, which closes up. */
export async function notRecommendDemand(db: Db, viewer: Reviewer, id: string, input: string, now: number): Promise<ReviewDemand> {
  const reason = reasonOf(input, '不予推荐的原因')
  await db.transaction(async (tx) => {
    const row = await lockedForRanking(tx, viewer, id)
    await changeStatus(tx, row, viewer, 'not_recommend', { rank: null, reason }, now)
    if (row.rank !== null) {
      await tx.query(`UPDATE demands SET rank = rank - 1 WHERE campaign_id = $1 AND recommender_unit = $2 AND rank > $3`, [
        row.campaignId,
        row.unitId,
        row.rank
      ])
    }
    await storeCount(tx, row.campaignId, row.unitId, quotaOf(row.definition, row.unitId), 0)
    await postThreadMessage(tx, { demandId: id, authorId: viewer.userId, authorRole: 'recommender', kind: 'decision', body: reason }, now)
  })
  return getReviewDemand(db, viewer, id, now)
}

/** The bureau's outcome for a recommended demand, once the recommender deadline has passed. */
export async function recordOutcome(db: Db, viewer: Reviewer, id: string, selected: boolean, input: string, now: number): Promise<ReviewDemand> {
  const reason = input.trim()
  await db.transaction(async (tx) => {
    const row = await loadForReviewer(tx, viewer, id, true)
    await changeStatus(tx, row, viewer, selected ? 'select' : 'not_select', { rank: row.rank, reason: reason || undefined }, now)
    if (reason) await postThreadMessage(tx, { demandId: id, authorId: viewer.userId, authorRole: 'bureau', kind: 'decision', body: reason }, now)
  })
  return getReviewDemand(db, viewer, id, now)
}

// ─── The ranked list ────────────────────────────────────────────────────────

type RankedRow = Omit<ListRow, 'submittedVersion' | 'submittedAt'> & { rank: number }

/** Recommended demands in the units, in unit order (as the campaign lists them), then rank. */
async function rankedRows(db: Queryable, campaignId: string, units: string[]): Promise<RankedRow[]> {
  const rows = await db.query<RankedRow>(
    `SELECT ${LIST_COLUMNS} FROM demands d
      WHERE d.campaign_id = $1 AND d.recommender_unit = ANY($2) AND d.rank IS NOT NULL ORDER BY d.rank`,
    [campaignId, units]
  )
  const order = new Map(units.map((u, i) => [u, i]))
  return rows.sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)! || a.rank - b.rank)
}

export async function getRanking(db: Queryable, viewer: Reviewer, campaignId: string, unit: string | undefined, now: number): Promise<Ranking> {
  const { definition: def } = await campaignFor(db, viewer, campaignId)
  const units = unitsInScope(def, viewer, unit)
  const [rows, extras] = await Promise.all([rankedRows(db, campaignId, units), meterExtras(db, def, campaignId, units)])
  const groups = units.map((u) => {
    const items: RankedItem[] = rows
      .filter((r) => r.unitId === u)
      .map((r) => ({
        id: r.id,
        rank: r.rank,
        keyRecommended: r.keyRecommended,
        title: r.title,
        enterpriseName: r.enterpriseName,
        domain: domainRef(def, r.domainId, r.direction),
        status: r.status,
        statusLabel: DEMAND_STATUS_LABELS[r.status]
      }))
    return { unit: unitRef(def, u), quota: meter(quotaOf(def, u), items.length, extras.get(u)), items }
  })
  const recommenderCanRank = viewer.role === 'recommender' && checkAction('rerank', 'recommended', 'recommender', deadlineContext(def, now)).ok
  return {
    groups: viewer.role === 'bureau' && !unit ? groups.filter((g) => g.items.length) : groups,
    deadlineAt: new Date(deadlineInstant(def.deadlines.recommender, def.timezone)).toISOString(),
    deadlineText: formatDeadlineDay(def.deadlines.recommender),
    readOnly: !recommenderCanRank
  }
}

/** Puts the unit's recommended demands in the given order (every one of them, once): ranks 1…n. */
export async function rerank(db: Db, viewer: Reviewer, campaignId: string, ids: string[], now: number): Promise<Ranking> {
  const { definition: def } = await campaignFor(db, viewer, campaignId, true)
  const unitId = viewer.recommenderUnit
  const verdict = checkAction('rerank', 'recommended', 'recommender', deadlineContext(def, now))
  if (!verdict.ok) throw new AppError(403, verdict.code, verdict.message)
  await db.transaction(async (tx) => {
    await lockUnit(tx, campaignId, unitId)
    const current = await tx.query<{ id: string }>(
      `SELECT id FROM demands WHERE campaign_id = $1 AND recommender_unit = $2 AND rank IS NOT NULL FOR UPDATE`,
      [campaignId, unitId]
    )
    const known = new Set(current.map((r) => r.id))
    const order = ids.map((id) => id.toLowerCase())
    if (new Set(order).size !== order.length || order.length !== known.size || !order.every((id) => known.has(id))) {
      throw new AppError(409, 'RANKING_STALE', '推荐列表已发生变化（可能有同事刚刚操作），请刷新后重新排序')
    }
    const moved = await tx.query<{ id: string; rank: number; version: number; status: DemandStatus }>(
      `UPDATE demands d SET rank = x.ord FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord)
        WHERE d.id = x.id AND d.rank IS DISTINCT FROM x.ord
        RETURNING d.id, d.rank, d.submitted_version AS version, d.status`,
      [order]
    )
    for (const m of moved) {
      await recordStatusEvent(
        tx,
        {
          demandId: m.id,
          action: 'rerank',
          from: m.status,
          to: m.status,
          actorId: viewer.userId,
          actorRole: 'recommender',
          actorUnit: unitName(def, unitId),
          rank: m.rank,
          version: m.version
        },
        now
      )
    }
  })
  return getRanking(db, viewer, campaignId, undefined, now)
}
