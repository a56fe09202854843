/**
 * The bureau's campaign studio: working copies (drafts) of its campaigns, publication through
 * the same `publishVersion` as the seed files and the command line, taking a campaign down,
 * closing filing early, and the audit log of all of it. A bureau sees and edits the campaigns
 * it issues or co-issues, and nothing else.
 */
import { randomBytes } from 'node:crypto'
import { issuedBy, type CampaignDefinition } from '../types/campaign'
import { deadlineInstant } from '../types/deadline'
import { addDays, dayOf } from '../types/time'
import type { StudioAuditEntry, StudioCampaign, StudioStart, StudioState, StudioSummary, StudioVersion } from '../types/studio'
import { validateDefinition } from '../types/validate-definition'
import { auditCampaign, publishVersion } from './campaigns'
import type { Db, Queryable } from './db'
import { AppError, badRequest, notFound } from './errors'
import type { Reviewer } from './recommend'

export type Bureau = Reviewer & { role: 'bureau' }

interface Row {
  id: string
  published: CampaignDefinition | null
  draft: Record<string, unknown> | null
  version: number | null
  state: 'published' | 'unpublished' | null
  updatedAt: Date
}

const ROWS = `SELECT COALESCE(c.id, d.id) AS id, c.definition AS published, d.definition AS draft, c.version, c.state,
  GREATEST(c.updated_at, d.updated_at) AS "updatedAt"
  FROM campaigns c FULL JOIN campaign_drafts d ON d.id = c.id`

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The issuer fields of a working copy, however incomplete it is. */
function owners(v: unknown): { issuer: string; coIssuers: string[] } {
  const o = isObject(v) ? v : {}
  return {
    issuer: typeof o.issuer === 'string' ? o.issuer : '',
    coIssuers: Array.isArray(o.coIssuers) ? o.coIssuers.filter((x): x is string => typeof x === 'string') : []
  }
}

/** The bureau may edit the campaign: it issues or co-issues the published definition, or the draft when there is none. */
const mayEdit = (row: Row, bureau: Bureau) => issuedBy(owners(row.published ?? row.draft), bureau.recommenderUnit)

function summary(row: Row): StudioSummary {
  const working = row.draft ?? row.published
  return {
    id: row.id,
    title: (isObject(working) && typeof working.title === 'string' && working.title) || '未命名征集活动',
    state: (row.state ?? 'draft') as StudioState,
    version: row.version,
    hasDraft: row.draft !== null,
    updatedAt: new Date(row.updatedAt).toISOString()
  }
}

export async function listStudio(db: Queryable, bureau: Bureau): Promise<StudioSummary[]> {
  const rows = await db.query<Row>(`${ROWS} ORDER BY "updatedAt" DESC`)
  return rows.filter((r) => mayEdit(r, bureau)).map(summary)
}

async function load(db: Queryable, bureau: Bureau, id: string): Promise<Row> {
  const [row] = await db.query<Row>(`${ROWS} WHERE COALESCE(c.id, d.id) = $1`, [id])
  if (!row || !mayEdit(row, bureau)) throw notFound('征集活动')
  return row
}

export async function getStudio(db: Queryable, bureau: Bureau, id: string): Promise<StudioCampaign> {
  const row = await load(db, bureau, id)
  const versions = await db.query<StudioVersion>(
    `SELECT v.version, v.source, v.created_at AS "createdAt", u.display_name AS "createdBy"
       FROM campaign_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.campaign_id = $1 ORDER BY v.version DESC`,
    [id]
  )
  const audit = await db.query<StudioAuditEntry>(
    `SELECT a.action, u.display_name AS actor, a.version, a.at, a.detail
       FROM campaign_audit a LEFT JOIN users u ON u.id = a.actor_id WHERE a.campaign_id = $1 ORDER BY a.id DESC LIMIT 100`,
    [id]
  )
  const definition = row.draft ?? row.published
  const checked = validateDefinition(definition)
  return {
    ...summary(row),
    definition,
    published: row.published,
    problems: checked.ok ? [] : checked.problems,
    versions: versions.map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() })),
    audit: audit.map((a) => ({ ...a, at: new Date(a.at).toISOString() }))
  }
}

/** A blank campaign of this bureau: every common part present, the texts left for the bureau to write. */
function blank(bureau: Bureau, id: string, now: number): Record<string, unknown> {
  const today = dayOf(now, 'Asia/Shanghai')
  return {
    id,
    title: '',
    issuer: bureau.recommenderUnit,
    tagline: '',
    summary: '',
    notice: '',
    timezone: 'Asia/Shanghai',
    opensOn: today,
    deadlines: { enterprise: addDays(today, 30), recommender: addDays(today, 37) },
    eligibleUnitTypes: ['enterprise'],
    eligibility: [],
    demandLimit: { perEnterprise: 1 },
    domains: [],
    recommenders: { unitTypes: [], units: [] },
    contacts: [],
    steps: [
      {
        id: 'basic',
        title: '基本信息',
        fields: [{ id: 'demandName', kind: 'text', label: '需求名称', required: true, maxLength: 50 }]
      }
    ],
    summaryColumns: [
      { header: '序号', source: 'rank' },
      { header: '需求名称', source: 'field:demandName' },
      { header: '单位名称', source: 'profile:enterpriseName' }
    ]
  }
}

const newId = (base: string) => `${base.replace(/[^a-z0-9-]/g, '').slice(0, 40) || 'campaign'}-${randomBytes(3).toString('hex')}`

async function taken(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM campaigns WHERE id = $1 UNION ALL SELECT 1 FROM campaign_drafts WHERE id = $1', [id])
  return rows.length > 0
}

/** Starts a campaign from a blank, a copy of one the bureau issues, or an uploaded definition. */
export async function createStudio(db: Queryable, bureau: Bureau, start: StudioStart, now: number): Promise<StudioCampaign> {
  let definition: Record<string, unknown>
  if (start.from === 'blank') {
    definition = blank(bureau, newId(`c-${dayOf(now, 'Asia/Shanghai').replace(/-/g, '')}`), now)
  } else if (start.from === 'copy') {
    const source = await load(db, bureau, start.campaignId)
    const copied = structuredClone((source.draft ?? source.published) as Record<string, unknown>)
    definition = { ...copied, id: newId(String(copied.id ?? 'campaign')), title: `${copied.title ?? ''}（副本）` }
  } else {
    if (!isObject(start.definition)) throw badRequest('DEFINITION_NOT_OBJECT', '上传的文件应为一个活动定义（JSON 对象）')
    definition = structuredClone(start.definition)
    const id = typeof definition.id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(definition.id) ? definition.id : 'campaign'
    definition.id = (await taken(db, id)) ? newId(id) : id
  }
  // The bureau that starts a campaign issues it, unless the definition already names it.
  if (!issuedBy(owners(definition), bureau.recommenderUnit)) definition.issuer = bureau.recommenderUnit
  const id = definition.id as string
  await db.query('INSERT INTO campaign_drafts (id, definition, created_by, updated_by, updated_at) VALUES ($1, $2, $3, $3, $4)', [
    id,
    JSON.stringify(definition),
    bureau.userId,
    new Date(now)
  ])
  await auditCampaign(db, id, bureau.userId, 'create', null, { from: start.from, ...(start.from === 'copy' ? { campaignId: start.campaignId } : {}) }, now)
  return getStudio(db, bureau, id)
}

/** Keeps the working copy as it is (problems and all); the id stays, and the bureau stays an issuer. */
export async function saveStudioDraft(db: Db, bureau: Bureau, id: string, definition: unknown, now: number): Promise<StudioCampaign> {
  if (!isObject(definition)) throw badRequest('DEFINITION_NOT_OBJECT', '活动定义应为 JSON 对象')
  if (definition.id !== id) throw badRequest('CAMPAIGN_ID_FIXED', `活动编号不能修改，应为 ${id}`, [{ field: 'id', code: 'CAMPAIGN_ID_FIXED', message: `活动编号不能修改，应为 ${id}` }])
  if (!issuedBy(owners(definition), bureau.recommenderUnit)) {
    const message = `本单位（${bureau.recommenderUnit}）须为发布单位或联合发布单位，否则保存后将无法再编辑`
    throw badRequest('STUDIO_ISSUER_REQUIRED', message, [{ field: 'issuer', code: 'STUDIO_ISSUER_REQUIRED', message }])
  }
  await db.transaction(async (tx) => {
    await load(tx, bureau, id)
    await tx.query(
      `INSERT INTO campaign_drafts (id, definition, created_by, updated_by, updated_at) VALUES ($1, $2, $3, $3, $4)
       ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [id, JSON.stringify(definition), bureau.userId, new Date(now)]
    )
    await auditCampaign(tx, id, bureau.userId, 'edit', null, {}, now)
  })
  return getStudio(db, bureau, id)
}

/** Drops the working copy of a published campaign (undo of unpublished edits). */
export async function discardStudioDraft(db: Queryable, bureau: Bureau, id: string, now: number): Promise<StudioCampaign> {
  const row = await load(db, bureau, id)
  if (!row.published) throw new AppError(409, 'NEVER_PUBLISHED', '尚未发布的活动没有可恢复的版本')
  await db.query('DELETE FROM campaign_drafts WHERE id = $1', [id])
  await auditCampaign(db, id, bureau.userId, 'discard', row.version, {}, now)
  return getStudio(db, bureau, id)
}

/** Publishes the working copy as the next version (or again, after it was taken down). */
export async function publishStudio(db: Db, bureau: Bureau, id: string, now: number): Promise<StudioCampaign> {
  const row = await load(db, bureau, id)
  if (!row.draft && row.state === 'published') throw new AppError(409, 'NOTHING_TO_PUBLISH', '没有未发布的修改')
  await publishVersion(db, row.draft ?? row.published, { source: 'studio', actorId: bureau.userId, republish: true }, now)
  await db.query('DELETE FROM campaign_drafts WHERE id = $1', [id])
  return getStudio(db, bureau, id)
}

/** Takes a published campaign down: enterprises no longer see it or file in it. */
export async function unpublishStudio(db: Queryable, bureau: Bureau, id: string, now: number): Promise<StudioCampaign> {
  const row = await load(db, bureau, id)
  if (row.state !== 'published') throw new AppError(409, 'NOT_PUBLISHED', '该活动未在发布状态')
  await db.query(`UPDATE campaigns SET state = 'unpublished', updated_at = $2 WHERE id = $1`, [id, new Date(now)])
  await auditCampaign(db, id, bureau.userId, 'unpublish', row.version, {}, now)
  return getStudio(db, bureau, id)
}

/**
 * Ends enterprise filing now: the enterprise deadline becomes yesterday (deadlines are whole
 * days), recommending units keep theirs, and everyone still filing is told.
 */
export async function closeStudio(db: Db, bureau: Bureau, id: string, reason: string, now: number): Promise<StudioCampaign> {
  const row = await load(db, bureau, id)
  const def = row.published
  if (!def || row.state !== 'published') throw new AppError(409, 'NOT_PUBLISHED', '该活动未在发布状态')
  if (deadlineInstant(def.deadlines.enterprise, def.timezone) <= now) throw new AppError(409, 'ALREADY_CLOSED', '企业填报已经截止')
  const yesterday = addDays(dayOf(now, def.timezone), -1)
  const closed: CampaignDefinition = {
    ...def,
    ...(def.opensOn && def.opensOn > yesterday ? { opensOn: yesterday } : {}),
    deadlines: { ...def.deadlines, enterprise: yesterday }
  }
  await publishVersion(db, closed, { source: 'close', actorId: bureau.userId, action: 'close', reason }, now)
  return getStudio(db, bureau, id)
}
