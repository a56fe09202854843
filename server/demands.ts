/**
 * Demands: the working copy (saved as a draft with optimistic versions), immutable
 * submitted versions, and an audit trail. The server is the authority for time,
 * ownership and validity; the same engine as the wizard decides what is valid.
 */
import { allFields, type CampaignDefinition, type RecommenderField } from '../types/campaign'
import { campaignStatus } from '../types/deadline'
import { formatDeadline } from '../types/time'
import type {
  Demand,
  DemandListItem,
  DemandVersion,
  DemandVersionSummary,
  FieldError,
  Profile,
  SaveResult,
  UnitType
} from '../types/domain'
import { demandTitle, diffAnswers, recommenderChoices, submittable, validateDemand, type Answers, type AttachmentRef } from '../types/engine'
import { carryOver, type CarrySource, type CreatedDemand } from '../types/carry-over'
import { validateProfile } from '../types/profile'
import { qualityReport } from '../types/quality'
import { enterpriseSessionIsLive, signInRequired, type Session } from './auth/sessions'
import { EDITABLE_STATUSES } from '../types/status'
import { cachedDefinition } from './campaigns'
import type { Db, Queryable } from './db'
import { AppError, badRequest, notFound } from './errors'
import { recordSubmission } from './status-events'
import { getProfile } from './users'


const DEMAND_COLUMNS = `d.id, d.campaign_id AS "campaignId", c.definition->>'title' AS "campaignTitle", d.title, d.status,
  d.answers, d.version, d.current_step AS "currentStep", d.submitted_version AS "submittedVersion",
  d.submitted_at AS "submittedAt", d.submitted_base_version AS "submittedBaseVersion", d.updated_at AS "updatedAt",
  c.enterprise_deadline_at AS "enterpriseDeadlineAt"`

interface DemandRow extends Omit<Demand, 'submittedAt' | 'updatedAt' | 'enterpriseDeadlineAt' | 'readOnly' | 'hasUnsubmittedChanges'> {
  submittedAt: Date | null
  updatedAt: Date
  enterpriseDeadlineAt: Date
  submittedBaseVersion: number | null
}


function toDemand({ submittedBaseVersion, ...row }: DemandRow, now: number): Demand {
  return {
    ...row,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    enterpriseDeadlineAt: row.enterpriseDeadlineAt.toISOString(),
    hasUnsubmittedChanges: submittedBaseVersion !== null && row.version > submittedBaseVersion,
    readOnly: now >= row.enterpriseDeadlineAt.getTime() || !EDITABLE_STATUSES.includes(row.status)
  }
}

async function loadOwn(db: Queryable, session: Session, id: string, lock = false): Promise<DemandRow> {
  const rows = await db.query<DemandRow>(
    `SELECT ${DEMAND_COLUMNS} FROM demands d JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.id = $1 AND d.owner_id = $2${lock ? ' FOR UPDATE OF d' : ''}`,
    [id, session.userId]
  )
  if (!rows[0]) throw notFound('需求')
  return rows[0]
}

function assertEditable(row: DemandRow, now: number) {
  if (now >= row.enterpriseDeadlineAt.getTime()) {
    throw new AppError(403, 'DEADLINE_PASSED', `填报已于${formatDeadline(row.enterpriseDeadlineAt.toISOString())}截止，需求只能查看，不能再修改`)
  }
  if (!EDITABLE_STATUSES.includes(row.status)) throw new AppError(409, 'DEMAND_LOCKED', '需求已进入推荐环节，不能再修改')
}

async function definitionOf(db: Queryable, campaignId: string): Promise<CampaignDefinition> {
  const def = await cachedDefinition(db, campaignId)
  if (!def) throw notFound('征集活动')
  return def
}

async function audit(db: Queryable, actor: string, demandId: string, action: string, from: number | null, to: number | null, at: number, detail: object = {}) {
  await db.query(
    `INSERT INTO audit_log (actor_id, demand_id, action, from_version, to_version, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [actor, demandId, action, from, to, JSON.stringify(detail), new Date(at)]
  )
}

export async function listOwnDemands(db: Queryable, session: Session): Promise<DemandListItem[]> {
  const rows = await db.query<DemandListItem & { updatedAt: Date }>(
    `SELECT d.id, d.campaign_id AS "campaignId", c.definition->>'title' AS "campaignTitle", d.title, d.status,
            d.submitted_version AS "submittedVersion", d.updated_at AS "updatedAt"
       FROM demands d JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.owner_id = $1 ORDER BY d.updated_at DESC`,
    [session.userId]
  )
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }))
}

/**
 * Starts a demand in an open campaign, within the campaign's limit for the unit type. Its unit
 * and contact fields start from the profile; with `fromDemandId` (one of the enterprise's own
 * demands, any campaign or status, as last saved) it starts as a copy of what means the same
 * (types/carry-over.ts), and the reply carries the report of what was carried and what is to fill.
 */
export async function createDemand(db: Db, session: Session, campaignId: string, now: number, fromDemandId?: string): Promise<CreatedDemand> {
  const def = await definitionOf(db, campaignId)
  const status = campaignStatus(def, now)
  if (status === 'upcoming') throw new AppError(403, 'CAMPAIGN_NOT_OPEN', '本次征集尚未开始')
  if (status === 'closed') throw new AppError(403, 'DEADLINE_PASSED', '本次征集已截止，不能再发起需求')
  const profile = await getProfile(db, session.userId)
  if (validateProfile(profile).length) throw badRequest('PROFILE_INCOMPLETE', '请先完善单位信息（我的 → 单位信息），再发起需求')
  const unitType = profile.unitType as UnitType
  if (!def.eligibleUnitTypes.includes(unitType)) {
    throw new AppError(403, 'INELIGIBLE_UNIT_TYPE', `本次征集不接受“${unitTypeLabel(unitType)}”类单位填报`)
  }
  const limit = def.demandLimit.byUnitType?.[unitType] ?? def.demandLimit.perEnterprise
  const source = fromDemandId === undefined ? undefined : await carrySource(db, session, fromDemandId)
  const { answers, report } = carryOver(def, profile, source)
  const id = await db.transaction(async (tx) => {
    // One creator at a time per enterprise and campaign, so the limit holds under races.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${session.userId}:${campaignId}`])
    const [{ n }] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM demands WHERE owner_id = $1 AND campaign_id = $2',
      [session.userId, campaignId]
    )
    if (limit !== null && n >= limit) {
      throw new AppError(409, 'DEMAND_LIMIT_REACHED', `本次征集每家${unitTypeLabel(unitType)}最多填报${limit}项需求，您已填报${n}项`)
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO demands (campaign_id, owner_id, unit_type, current_step, created_at, updated_at, definition_version, answers, title)
       VALUES ($1, $2, $3, $4, $5, $5, (SELECT version FROM campaigns WHERE id = $1), $6, $7) RETURNING id`,
      [campaignId, session.userId, unitType, def.steps[0].id, new Date(now), JSON.stringify(answers), demandTitle(def, answers).slice(0, 200)]
    )
    const carried = (from: 'demand' | 'profile') => report.carried.filter((c) => c.from === from).map((c) => c.field)
    await audit(tx, session.userId, row.id, 'create', null, 1, now, {
      fromProfile: carried('profile'),
      ...(source ? { fromDemandId, carried: carried('demand'), toFill: report.toFill.map((f) => f.field) } : {})
    })
    return row.id
  })
  const demand = await getDemand(db, session, id, now)
  return source ? { ...demand, carryOver: report } : demand
}

/** The earlier demand a new one is copied from: the person's own, in its campaign's current definition. */
async function carrySource(db: Queryable, session: Session, id: string): Promise<CarrySource> {
  const [row] = await db.query<{ campaignId: string; answers: Answers }>(
    'SELECT campaign_id AS "campaignId", answers FROM demands WHERE id = $1 AND owner_id = $2',
    [id, session.userId]
  )
  if (!row) throw new AppError(404, 'SOURCE_DEMAND_NOT_FOUND', '要复制的需求不存在，或不是本单位的需求')
  return { def: await definitionOf(db, row.campaignId), answers: row.answers }
}

function unitTypeLabel(t: UnitType) {
  return ({ large_enterprise: '大企业集团或头部企业', enterprise: '企业', new_rd_institution: '新型研发机构', university: '高等学校', research_institute: '科研院所', public_institution: '事业单位' } as Record<UnitType, string>)[t] ?? '单位'
}

export async function getDemand(db: Queryable, session: Session, id: string, now: number): Promise<Demand> {
  return toDemand(await loadOwn(db, session, id), now)
}

/**
 * A demand never changes campaign, so which campaign it belongs to may be remembered per
 * process (bounded); ownership is still checked by the database on every save.
 */
const CAMPAIGN_OF_DEMAND_MAX = 50_000
const campaignOfDemandCache = new Map<string, string>()

async function campaignOfDemand(db: Queryable, session: Session, id: string): Promise<string> {
  // Keyed by person too: a cached id must not skip the ownership check for someone else.
  const key = `${session.userId}:${id}`
  const known = campaignOfDemandCache.get(key)
  if (known) return known
  const [head] = await db.query<{ campaignId: string }>(
    'SELECT campaign_id AS "campaignId" FROM demands WHERE id = $1 AND owner_id = $2',
    [id, session.userId]
  )
  if (!head) throw notFound('需求')
  if (campaignOfDemandCache.size >= CAMPAIGN_OF_DEMAND_MAX) campaignOfDemandCache.clear()
  campaignOfDemandCache.set(key, head.campaignId)
  return head.campaignId
}

/**
 * Saves the working copy. Unknown fields and values of the wrong type are refused;
 * incomplete or over-long answers are kept (nothing typed is lost) and reported at submit.
 */
export async function saveDraft(
  db: Queryable,
  session: Session,
  id: string,
  input: { baseVersion: number; answers: Answers; currentStep: string },
  now: number
): Promise<SaveResult> {
  const def = await definitionOf(db, await campaignOfDemand(db, session, id))
  const problems = draftProblems(def, input.answers, input.currentStep)
  if (problems.length) throw badRequest('VALIDATION_FAILED', problems[0].message, problems)

  // One statement: the session (the request may have taken it from memory, server/auth/request-session.ts),
  // ownership, version, deadline and status checked, the row updated (in place: migration 011) and the audit row written.
  const [saved] = await db.query<{ version: number }>(
    `WITH upd AS (
       UPDATE demands d SET answers = $3, current_step = $4, title = $5, version = d.version + 1, updated_at = $6
         FROM campaigns c
        WHERE d.id = $1 AND d.owner_id = $2 AND d.version = $7 AND c.id = d.campaign_id
          AND c.enterprise_deadline_at > $6 AND c.state = 'published' AND d.status = ANY($8)
          AND ${enterpriseSessionIsLive('$9', '$2', '$6')}
       RETURNING d.id, d.version),
     log AS (
       INSERT INTO audit_log (actor_id, demand_id, action, from_version, to_version, at)
       SELECT $2, id, 'save_draft', version - 1, version, $6 FROM upd)
     SELECT version FROM upd`,
    [
      id,
      session.userId,
      JSON.stringify(input.answers),
      input.currentStep,
      demandTitle(def, input.answers).slice(0, 200),
      new Date(now),
      input.baseVersion,
      EDITABLE_STATUSES,
      session.tokenHash
    ],
    // named: parsed once per connection, and planned once after PostgreSQL's first five custom plans
    // (pg_prepared_statements after 20 saves on one connection: 15 generic, 5 custom)
    { name: 'save-draft' }
  )
  if (saved) return { version: saved.version, savedAt: new Date(now).toISOString() }

  // Refused: say exactly why.
  const [live] = await db.query(`SELECT 1 WHERE ${enterpriseSessionIsLive('$1', '$2', '$3')}`, [session.tokenHash, session.userId, new Date(now)])
  if (!live) throw signInRequired()
  const row = await loadOwn(db, session, id)
  assertEditable(row, now)
  throw new AppError(409, 'VERSION_CONFLICT', '该需求已在其他设备上修改，请核对两份内容后再保存', undefined, undefined, {
    current: toDemand(row, now)
  })
}

/** Each definition's field ids, for the hot path of draft saves. */
const fieldIdsOf = new WeakMap<CampaignDefinition, Set<string>>()

/**
 * What a draft save refuses, in the order of the answers: an unknown step or field, a value of
 * the wrong type. One pass of the engine over the answers (not one per answer).
 */
function draftProblems(def: CampaignDefinition, answers: Answers, currentStep: string): FieldError[] {
  let known = fieldIdsOf.get(def)
  if (!known) fieldIdsOf.set(def, (known = new Set(allFields(def).map((f) => f.id))))
  const wrongType = new Map<string, FieldError[]>()
  for (const issue of validateDemand(def, answers, '')) {
    if (issue.code === 'INVALID_TYPE') wrongType.set(issue.field, [...(wrongType.get(issue.field) ?? []), issue])
  }
  const problems: FieldError[] = []
  if (!def.steps.some((s) => s.id === currentStep)) {
    problems.push({ field: 'currentStep', code: 'UNKNOWN_STEP', message: '步骤不存在' })
  }
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) problems.push({ field: key, code: 'UNKNOWN_FIELD', message: `“${key}”不是本次征集的填报项` })
    else problems.push(...(wrongType.get(key) ?? []))
  }
  return problems
}

/** Submits the working copy as a new immutable version, after the engine's full check. */
export async function submitDemand(
  db: Db,
  session: Session,
  id: string,
  baseVersion: number,
  now: number
): Promise<Demand> {
  await db.transaction(async (tx) => {
    const row = await loadOwn(tx, session, id, true)
    assertEditable(row, now)
    if (row.version !== baseVersion) {
      throw new AppError(409, 'VERSION_CONFLICT', '该需求已在其他设备上修改，请核对后再提交', undefined, undefined, {
        current: toDemand(row, now)
      })
    }
    const def = await definitionOf(tx, row.campaignId)
    const profile: Profile = await getProfile(tx, session.userId)
    if (validateProfile(profile).length) throw badRequest('PROFILE_INCOMPLETE', '请先完善单位信息，再提交需求')
    const issues = validateDemand(def, row.answers, profile.unitType)
    if (issues.length) {
      const fields: FieldError[] = issues.map(({ field, code, message }) => ({ field, code, message }))
      throw badRequest('VALIDATION_FAILED', `还有${issues.length}处需要完善：${issues[0].message}`, fields)
    }
    assertUnitServesApplicant(def, row.answers, profile)
    const answers = submittable(def, row.answers, profile.unitType)
    await assertAttachmentsBelong(tx, def, id, answers)
    const number = (row.submittedVersion ?? 0) + 1
    await tx.query(
      `INSERT INTO demand_versions (demand_id, number, title, answers, profile, based_on_version, submitted_by, submitted_at, definition_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT version FROM campaigns WHERE id = $9))`,
      [id, number, demandTitle(def, answers), JSON.stringify(answers), JSON.stringify(profile), row.version, session.userId, new Date(now), row.campaignId]
    )
    await tx.query(
      `UPDATE demands SET status = 'submitted', submitted_version = $2, submitted_at = $3, submitted_base_version = $4, updated_at = $3,
              definition_version = (SELECT version FROM campaigns WHERE id = $5), quality_score = $6
        WHERE id = $1`,
      [id, number, new Date(now), row.version, row.campaignId, qualityReport(def, answers, profile.unitType).score]
    )
    await recordSubmission(tx, { def, demandId: id, from: row.status, version: number, answers, session, profile }, now)
    await audit(tx, session.userId, id, 'submit', row.version, row.version, now, { submittedVersion: number, from: row.status })
  })
  return getDemand(db, session, id, now)
}

/** A recommender field with `byRegion`: the chosen unit must serve the applicant's registered district. */
function assertUnitServesApplicant(def: CampaignDefinition, answers: Answers, profile: Profile) {
  const field = allFields(def).find((f): f is RecommenderField => f.kind === 'recommender')
  const chosen = field ? answers[field.id] : undefined
  if (!field?.byRegion || typeof chosen !== 'string' || recommenderChoices(def, field, answers, profile).some((u) => u.id === chosen)) return
  const message = `所选${field.label}不受理本单位注册地（统一社会信用代码第3至8位）的需求，请选择本地的推荐单位`
  throw badRequest('VALIDATION_FAILED', message, [{ field: field.id, code: 'INVALID_CHOICE', message }])
}

/** Every attachment a submission names must be a file the enterprise uploaded to this demand for that field, unchanged. */
async function assertAttachmentsBelong(db: Queryable, def: CampaignDefinition, demandId: string, answers: Answers) {
  const refs = allFields(def)
    .filter((f) => f.kind === 'attachments')
    .flatMap((f) => ((answers[f.id] as AttachmentRef[] | undefined) ?? []).map((ref) => ({ field: f.id, ref })))
  if (!refs.length) return
  const rows = await db.query<{ id: string; sha256: string; field: string }>(
    `SELECT id, sha256, field_id AS field FROM attachments WHERE demand_id = $1 AND id = ANY($2::uuid[]) AND side = 'enterprise'`,
    [demandId, refs.map((r) => r.ref.id)]
  )
  const known = new Map(rows.map((r) => [r.id, r]))
  const bad = refs.find((r) => known.get(r.ref.id)?.sha256 !== r.ref.sha256 || known.get(r.ref.id)?.field !== r.field)
  if (bad) throw badRequest('ATTACHMENT_UNKNOWN', `附件“${bad.ref.name}”不存在，请重新上传`, [
    { field: bad.field, code: 'ATTACHMENT_UNKNOWN', message: `附件“${bad.ref.name}”不存在，请重新上传` }
  ])
}

export async function listVersions(db: Queryable, session: Session, id: string): Promise<DemandVersionSummary[]> {
  await loadOwn(db, session, id)
  const rows = await db.query<{ number: number; title: string; submittedAt: Date }>(
    `SELECT number, title, submitted_at AS "submittedAt" FROM demand_versions WHERE demand_id = $1 ORDER BY number DESC`,
    [id]
  )
  return rows.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() }))
}

export async function getVersion(db: Queryable, session: Session, id: string, number: number): Promise<DemandVersion> {
  await loadOwn(db, session, id)
  const [row] = await db.query<DemandVersion & { submittedAt: Date }>(
    `SELECT number, title, answers, profile, submitted_at AS "submittedAt" FROM demand_versions WHERE demand_id = $1 AND number = $2`,
    [id, number]
  )
  if (!row) throw notFound('该版本')
  return { ...row, submittedAt: row.submittedAt.toISOString() }
}

/** What changed from version `from` to version `to` (field by field, with labels). */
export async function diffVersions(db: Queryable, session: Session, id: string, from: number, to: number) {
  const [a, b] = await Promise.all([getVersion(db, session, id, from), getVersion(db, session, id, to)])
  const row = await loadOwn(db, session, id)
  const def = await definitionOf(db, row.campaignId)
  return { from, to, changes: diffAnswers(def, a.answers, b.answers) }
}
