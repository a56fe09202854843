/**
 * The timeline of a demand: every status change with time, actor's unit, reason and rank,
 * written in the transaction of the change. Also what a submission puts on the demand for
 * the recommending unit (the chosen unit, the field, names, the texts for search and similarity).
 */
import { allFields, type CampaignDefinition } from '../types/campaign'
import { DEMAND_STATUS_LABELS, ROLE_LABELS, type DemandStatus, type Profile, type Role } from '../types/domain'
import { demandTitle, type Answers, type DomainAnswer } from '../types/engine'
import type { TimelineEntry } from '../types/recommend'
import { canTransition, type StatusAction } from '../types/status'
import type { Session } from './auth/sessions'
import type { Queryable } from './db'
import { AppError } from './errors'

export interface StatusEvent {
  demandId: string
  action: StatusAction
  from: DemandStatus
  to: DemandStatus
  actorId: string
  actorRole: Role
  actorUnit: string
  reason?: string | null
  rank?: number | null
  version?: number | null
}

export async function recordStatusEvent(db: Queryable, e: StatusEvent, now: number): Promise<void> {
  await db.query(
    `INSERT INTO demand_status_events (demand_id, action, from_status, to_status, actor_id, actor_role, actor_unit, reason, rank, version, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.demandId, e.action, e.from, e.to, e.actorId, e.actorRole, e.actorUnit, e.reason ?? null, e.rank ?? null, e.version ?? null, new Date(now)]
  )
}

/** Longest text kept for search and similarity (name + content), in characters. */
const SEARCH_TEXT_MAX = 10_000

/** The demand's name and its free-text content, as one text for trigram similarity and search. */
export function searchText(def: CampaignDefinition, answers: Answers): string {
  const parts = [demandTitle(def, answers)]
  for (const f of allFields(def)) {
    if (f.kind === 'textarea' && typeof answers[f.id] === 'string') parts.push(answers[f.id] as string)
  }
  return parts.filter(Boolean).join('\n').slice(0, SEARCH_TEXT_MAX)
}

/** What the inbox search matches: the demand's name and the enterprise's, in lower case (the query is lowered alike). */
export const searchKey = (title: string, enterpriseName: string) => `${title}\n${enterpriseName}`.toLowerCase()

/**
 * Called by submitDemand in its transaction, after the new version is stored and the status
 * set: keeps the chosen unit, field and text on the demand, clears any rank, and records
 * the submission on the timeline.
 */
export async function recordSubmission(
  tx: Queryable,
  s: { def: CampaignDefinition; demandId: string; from: DemandStatus; version: number; answers: Answers; session: Session; profile: Profile },
  now: number
): Promise<void> {
  if (!canTransition(s.from, 'submitted', 'enterprise')) {
    throw new AppError(409, 'ILLEGAL_TRANSITION', `需求当前状态为“${DEMAND_STATUS_LABELS[s.from]}”，不能提交`)
  }
  const fields = allFields(s.def)
  const unitField = fields.find((f) => f.kind === 'recommender')
  const domainField = fields.find((f) => f.kind === 'domain')
  const domain = domainField ? (s.answers[domainField.id] as DomainAnswer | undefined) : undefined
  const title = demandTitle(s.def, s.answers)
  await tx.query(
    `UPDATE demands SET recommender_unit = $2, domain_id = $3, direction = $4, search_text = $5, enterprise_name = $6,
            submitted_title = $7, search_key = $8, rank = NULL
      WHERE id = $1`,
    [
      s.demandId,
      unitField ? ((s.answers[unitField.id] as string | undefined) ?? null) : null,
      domain?.domain ?? null,
      domain?.direction || null,
      searchText(s.def, s.answers),
      s.profile.enterpriseName,
      title,
      searchKey(title, s.profile.enterpriseName)
    ]
  )
  await recordStatusEvent(
    tx,
    {
      demandId: s.demandId,
      action: 'submit',
      from: s.from,
      to: 'submitted',
      actorId: s.session.userId,
      actorRole: 'enterprise',
      actorUnit: s.profile.enterpriseName,
      version: s.version
    },
    now
  )
}

function summaryOf(e: { action: StatusAction; version: number | null; rank: number | null; from: DemandStatus }): string {
  switch (e.action) {
    case 'submit':
      return e.version && e.version > 1 ? `重新提交（第${e.version}版）` : '提交需求'
    case 'review':
      return '推荐单位开始审核'
    case 'return':
      return '退回修改'
    case 'recommend':
      return e.rank ? `推荐（第${e.rank}位）` : '推荐'
    case 'not_recommend':
      return e.from === 'recommended' ? '改为不予推荐' : '不予推荐'
    case 'rerank':
      return `推荐排序调整为第${e.rank}位`
    case 'select':
      return '入选'
    case 'not_select':
      return '未入选'
    default:
      return DEMAND_STATUS_LABELS[e.from]
  }
}

/** Every change of one demand, oldest first. The caller has checked who may see it. */
export async function timelineOf(db: Queryable, demandId: string): Promise<TimelineEntry[]> {
  const rows = await db.query<{
    at: Date
    action: StatusAction
    from: DemandStatus
    to: DemandStatus
    actorRole: Role
    actorUnit: string
    reason: string | null
    rank: number | null
    version: number | null
  }>(
    `SELECT at, action, from_status AS "from", to_status AS "to", actor_role AS "actorRole", actor_unit AS "actorUnit",
            reason, rank, version
       FROM demand_status_events WHERE demand_id = $1 ORDER BY at, id`,
    [demandId]
  )
  return rows.map((r) => ({
    ...r,
    at: new Date(r.at).toISOString(),
    fromLabel: DEMAND_STATUS_LABELS[r.from],
    toLabel: DEMAND_STATUS_LABELS[r.to],
    actorRoleLabel: ROLE_LABELS[r.actorRole],
    summary: summaryOf(r)
  }))
}
