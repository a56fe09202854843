/**
 * Agreements and personal-data rights (个人信息保护法): which agreement versions a person agreed
 * to, the gate that asks again when a version changes, the data export, and 注销.
 *
 * 注销 of an enterprise account (what the privacy policy page and the README promise):
 * - erased: drafts never submitted (with their attachments and history), the profile, the
 *   message center and its settings, WeChat / Alipay bindings and subscription consents, pending
 *   pushes (skipped), sessions and sign-in hand-offs; the identity link (the account cannot be
 *   signed into again; a new sign-in starts a new account);
 * - pseudonymised in every submitted demand, its versions and its working copy: the contact's
 *   name and mobile in the profile snapshot, and every answer to a text field with a contact
 *   format (phone, mobile, email) in the campaign's definition;
 * - kept, as the campaign's record: submitted demands with their versions, attachments, status
 *   history and thread (the author shown as 已注销用户), the unit's name and credit code (the
 *   enterprise's, not the person's), the consents given and this account's audit.
 * Recommending units and the bureau cannot delete their accounts themselves: their accounts
 * carry the review record and are closed through the bureau (ACCOUNT_DELETION_NOT_SELF_SERVICE).
 */
import type { FastifyInstance } from 'fastify'
import { AGREEMENTS, currentAgreementsIn, type Agreement, type AgreementId } from '../types/agreements'
import { TEXT_FORMATS, type CampaignDefinition } from '../types/campaign'
import type { Queryable } from './db'
import { AppError } from './errors'

/** The name a deleted account shows under what it wrote, and in pseudonymised fields. */
export const DELETED_NAME = '已注销用户'

export interface ConsentRecord {
  document: AgreementId
  version: string
  agreedAt: string
}

async function audit(db: Queryable, userId: string, action: 'consent' | 'export' | 'delete', detail: object, now: number) {
  await db.query('INSERT INTO account_audit (user_id, action, detail, at) VALUES ($1, $2, $3, $4)', [userId, action, JSON.stringify(detail), new Date(now)])
}

/** Records agreement to the given current versions (again: no change); returns what is now on record. */
export async function recordConsents(db: Queryable, userId: string, agreements: readonly Agreement[], now: number): Promise<ConsentRecord[]> {
  for (const a of agreements) {
    const inserted = await db.query(
      `INSERT INTO consents (user_id, document, version, agreed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [userId, a.id, a.version, new Date(now)]
    )
    if (inserted.length) await audit(db, userId, 'consent', { document: a.id, version: a.version }, now)
  }
  return listConsents(db, userId)
}

export async function listConsents(db: Queryable, userId: string): Promise<ConsentRecord[]> {
  const rows = await db.query<{ document: AgreementId; version: string; agreed_at: Date }>(
    'SELECT document, version, agreed_at FROM consents WHERE user_id = $1 ORDER BY agreed_at, document',
    [userId]
  )
  return rows.map((r) => ({ document: r.document, version: r.version, agreedAt: new Date(r.agreed_at).toISOString() }))
}

/** The current agreements the person has not agreed to (their current versions). */
export async function missingConsents(db: Queryable, userId: string): Promise<Agreement[]> {
  const rows = await db.query<{ document: string; version: string }>('SELECT document, version FROM consents WHERE user_id = $1', [userId])
  return missingOf(rows.map((r) => ({ id: r.document, version: r.version })))
}

/** The current agreements not among those agreed to (`id` and `version` pairs). */
export function missingOf(agreed: readonly { id: string; version: string }[]): Agreement[] {
  const current = currentAgreementsIn(agreed)
  return AGREEMENTS.filter((a) => !current.includes(a))
}

/** Routes a session may use before agreeing: sign-in and sign-out, and the account's own (agree, read, export, 注销). */
const OPEN_WITHOUT_CONSENT = ['/api/auth/', '/api/account/']

/**
 * Every other API request of a signed-in person whose agreements are not the current versions
 * answers 403 CONSENT_REQUIRED (the app then shows the agreements). Visitors are not affected.
 */
export function installConsentGate(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (!request.session || !request.url.startsWith('/api/') || OPEN_WITHOUT_CONSENT.some((p) => request.url.startsWith(p))) return
    // the session's read brought the person's agreements along (server/auth/sessions.ts)
    const missing = missingOf(request.session.agreed)
    if (missing.length) {
      throw new AppError(403, 'CONSENT_REQUIRED', `请先阅读并同意${missing.map((a) => `《${a.title}》`).join('和')}后继续使用`, undefined, undefined, {
        agreements: missing
      })
    }
  })
}

/** Everything the product holds about the person, as the privacy policy lists it. */
export async function exportAccount(db: Queryable, userId: string, now: number) {
  const [user] = await db.query<{ role: string; display_name: string; recommender_unit: string | null; created_at: Date; last_sign_in_at: Date }>(
    'SELECT role, display_name, recommender_unit, created_at, last_sign_in_at FROM users WHERE id = $1',
    [userId]
  )
  const [profile] = await db.query(
    `SELECT enterprise_name AS "enterpriseName", credit_code AS "creditCode", contact_name AS "contactName", mobile,
            unit_type AS "unitType", updated_at AS "updatedAt" FROM profiles WHERE user_id = $1`,
    [userId]
  )
  const demands = await db.query<{ id: string }>(
    `SELECT d.id, d.campaign_id AS "campaignId", d.title, d.status, d.answers, d.version, d.current_step AS "currentStep",
            d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.submitted_at AS "submittedAt",
            COALESCE((SELECT json_agg(json_build_object('number', v.number, 'title', v.title, 'answers', v.answers, 'profile', v.profile,
                        'submittedAt', v.submitted_at) ORDER BY v.number) FROM demand_versions v WHERE v.demand_id = d.id), '[]') AS versions,
            COALESCE((SELECT json_agg(json_build_object('name', a.name, 'type', a.type, 'size', a.size, 'field', a.field_id,
                        'uploadedAt', a.created_at) ORDER BY a.created_at) FROM attachments a WHERE a.demand_id = d.id AND a.owner_id = $1), '[]') AS attachments,
            COALESCE((SELECT json_agg(json_build_object('from', m.author_role, 'mine', m.author_id = $1, 'kind', m.kind, 'body', m.body,
                        'at', m.created_at) ORDER BY m.created_at) FROM thread_messages m WHERE m.demand_id = d.id), '[]') AS thread
       FROM demands d WHERE d.owner_id = $1 ORDER BY d.created_at`,
    [userId]
  )
  const messages = await db.query(
    `SELECT kind, title, body, created_at AS "createdAt", read_at AS "readAt" FROM notifications WHERE user_id = $1 ORDER BY created_at`,
    [userId]
  )
  const platformBindings = await db.query(
    'SELECT platform, platform_user_id AS "platformUserId", bound_at AS "boundAt" FROM platform_bindings WHERE user_id = $1 ORDER BY bound_at',
    [userId]
  )
  const pushConsents = await db.query(
    `SELECT platform, template_id AS "templateId", long_term AS "longTerm", one_time_grants AS "oneTimeGrants", updated_at AS "updatedAt"
       FROM push_consents WHERE user_id = $1 ORDER BY platform, template_id`,
    [userId]
  )
  const notificationSettings = await db.query('SELECT key, enabled, updated_at AS "updatedAt" FROM notification_settings WHERE user_id = $1 ORDER BY key', [
    userId
  ])
  const consents = await listConsents(db, userId)
  await audit(db, userId, 'export', { demands: demands.length, messages: messages.length }, now)
  return {
    exportedAt: new Date(now).toISOString(),
    account: {
      role: user.role,
      displayName: user.display_name,
      recommenderUnit: user.recommender_unit,
      createdAt: new Date(user.created_at).toISOString(),
      lastSignInAt: new Date(user.last_sign_in_at).toISOString()
    },
    profile: profile ?? null,
    demands,
    messages,
    consents,
    platformBindings,
    pushConsents,
    notificationSettings
  }
}

/** What 注销 did, for the audit and the answer. */
export interface DeletionSummary {
  draftsDeleted: number
  demandsPseudonymised: number
  sessionsRevoked: number
  platformBindingsRemoved: number
  pushesStopped: number
}

/** Answer keys of text fields with a contact format (phone, mobile, email), in any version of the campaign's definition. */
function contactFieldIds(definitions: CampaignDefinition[]): string[] {
  const ids = new Set<string>()
  for (const def of definitions)
    for (const step of def.steps)
      for (const f of step.fields) if (f.kind === 'text' && f.format && (TEXT_FORMATS as readonly string[]).includes(f.format)) ids.add(f.id)
  return [...ids]
}

/** 注销 (see the top of this file). Runs in the caller's transaction. */
export async function deleteAccount(db: Queryable, userId: string, now: number): Promise<DeletionSummary> {
  const [user] = await db.query<{ role: string; deleted_at: Date | null }>('SELECT role, deleted_at FROM users WHERE id = $1 FOR UPDATE', [userId])
  if (!user || user.deleted_at) throw new AppError(401, 'UNAUTHENTICATED', '请先登录')
  if (user.role !== 'enterprise') {
    throw new AppError(
      403,
      'ACCOUNT_DELETION_NOT_SELF_SERVICE',
      '推荐单位和科技主管部门的账号承载审核记录，不能自行注销。如需停用，请联系科技主管部门办理。'
    )
  }
  const at = new Date(now)
  const drafts = await db.query<{ id: string }>('DELETE FROM demands WHERE owner_id = $1 AND status = $2 RETURNING id', [userId, 'draft'])
  await db.query('DELETE FROM audit_log WHERE demand_id = ANY($1)', [drafts.map((d) => d.id)])

  const kept = await db.query<{ campaign_id: string }>('SELECT DISTINCT campaign_id FROM demands WHERE owner_id = $1', [userId])
  let pseudonymised = 0
  for (const { campaign_id } of kept) {
    const defs = await db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaign_versions WHERE campaign_id = $1', [campaign_id])
    const current = await db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE id = $1', [campaign_id])
    const keys = contactFieldIds([...defs, ...current].map((r) => r.definition))
    const changed = await db.query(
      `UPDATE demands SET answers = answers - $3::text[] WHERE owner_id = $1 AND campaign_id = $2 RETURNING id`,
      [userId, campaign_id, keys]
    )
    await db.query(
      `UPDATE demand_versions v SET answers = v.answers - $3::text[],
              profile = v.profile || jsonb_build_object('contactName', $4::text, 'mobile', '')
         FROM demands d WHERE d.id = v.demand_id AND d.owner_id = $1 AND d.campaign_id = $2`,
      [userId, campaign_id, keys, DELETED_NAME]
    )
    pseudonymised += changed.length
  }

  const sessions = await db.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1', [userId, at])
  await db.query('DELETE FROM auth_handoffs WHERE user_id = $1', [userId])
  const bindings = await db.query('DELETE FROM platform_bindings WHERE user_id = $1 RETURNING 1', [userId])
  await db.query('DELETE FROM push_consents WHERE user_id = $1', [userId])
  const pushes = await db.query(
    `UPDATE push_deliveries SET state = 'skipped', result_code = 'ACCOUNT_DELETED', finished_at = $2
      WHERE user_id = $1 AND state IN ('pending', 'claimed') RETURNING 1`,
    [userId, at]
  )
  await db.query('DELETE FROM notifications WHERE user_id = $1', [userId])
  await db.query('DELETE FROM notification_settings WHERE user_id = $1', [userId])
  await db.query('DELETE FROM thread_reads WHERE user_id = $1', [userId])
  await db.query('DELETE FROM profiles WHERE user_id = $1', [userId])
  // The identity link is cut: the provider's subject no longer finds this row.
  await db.query(`UPDATE users SET display_name = $2, subject = 'deleted:' || id::text, deleted_at = $3 WHERE id = $1`, [userId, DELETED_NAME, at])

  const summary: DeletionSummary = {
    draftsDeleted: drafts.length,
    demandsPseudonymised: pseudonymised,
    sessionsRevoked: sessions.length,
    platformBindingsRemoved: bindings.length,
    pushesStopped: pushes.length
  }
  await audit(db, userId, 'delete', summary, now)
  return summary
}
