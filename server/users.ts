/** Users and their enterprise profiles. */
import type { Me, Profile, UnitType, User } from '../types/domain'
import { IDENTITY_FIELDS, normaliseProfile, validateProfile, type ProfileUpdate } from '../types/profile'
import type { GovIdentity } from './auth/gov-login'
import type { Queryable } from './db'
import { badRequest } from './errors'

const PROFILE_COLUMNS = `enterprise_name AS "enterpriseName", credit_code AS "creditCode",
  contact_name AS "contactName", mobile, unit_type AS "unitType"`

/**
 * Creates or refreshes the user behind a government identity. The enterprise name and credit
 * code are the identity's, refreshed at every sign-in; the unit type and contact are taken
 * from it only where still empty, so the person is asked only for what is missing.
 */
export async function upsertUserFromIdentity(db: Queryable, id: GovIdentity, now: number): Promise<string> {
  const [user] = await db.query<{ id: string }>(
    `INSERT INTO users (issuer, subject, role, display_name, recommender_unit, recommender_issuer, last_sign_in_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (issuer, subject) DO UPDATE SET role = EXCLUDED.role, display_name = EXCLUDED.display_name,
       recommender_unit = EXCLUDED.recommender_unit, recommender_issuer = EXCLUDED.recommender_issuer,
       last_sign_in_at = EXCLUDED.last_sign_in_at
     RETURNING id`,
    [id.issuer, id.subject, id.role, id.displayName, id.recommenderUnit ?? null, id.recommenderIssuer ?? null, new Date(now)]
  )
  await db.query(
    `INSERT INTO profiles (user_id, enterprise_name, credit_code, unit_type, contact_name)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET
       enterprise_name = EXCLUDED.enterprise_name, credit_code = EXCLUDED.credit_code,
       unit_type = CASE WHEN profiles.unit_type = '' THEN EXCLUDED.unit_type ELSE profiles.unit_type END,
       contact_name = CASE WHEN profiles.contact_name = '' THEN EXCLUDED.contact_name ELSE profiles.contact_name END`,
    [user.id, id.enterpriseName ?? '', id.creditCode ?? '', id.unitType ?? '', id.role === 'enterprise' ? id.displayName : '']
  )
  return user.id
}

export async function getProfile(db: Queryable, userId: string): Promise<Profile> {
  const [row] = await db.query<Profile>(`SELECT ${PROFILE_COLUMNS} FROM profiles WHERE user_id = $1`, [userId])
  return row
}

/** Saves what the contact may change; the identity's name and code are refused if changed. */
export async function saveProfile(db: Queryable, userId: string, input: ProfileUpdate, now: number): Promise<Profile> {
  const current = await getProfile(db, userId)
  const p = normaliseProfile({ ...current, ...input })
  const changed = IDENTITY_FIELDS.filter((f) => p[f] !== current[f])
  if (changed.length) {
    const message = '单位名称和统一社会信用代码来自政务服务账号（法人）认证，不能在此修改；如有变更，请到政务服务网更新后重新登录'
    throw badRequest('IDENTITY_FIELD_READONLY', message, changed.map((field) => ({ field, code: 'IDENTITY_FIELD_READONLY', message })))
  }
  const errors = validateProfile(p)
  if (errors.length) throw badRequest('VALIDATION_FAILED', errors[0].message, errors)
  const [row] = await db.query<Profile>(
    `UPDATE profiles SET contact_name = $2, mobile = $3, unit_type = $4, updated_at = $5
      WHERE user_id = $1 RETURNING ${PROFILE_COLUMNS}`,
    [userId, p.contactName, p.mobile, p.unitType as UnitType, new Date(now)]
  )
  return row
}

export async function getMe(db: Queryable, userId: string): Promise<Omit<Me, 'csrfToken'>> {
  const [{ careMode, ...user }] = await db.query<User & { careMode: boolean | null }>(
    `SELECT id, role, display_name AS "displayName", recommender_unit AS "recommenderUnit", care_mode AS "careMode" FROM users WHERE id = $1`,
    [userId]
  )
  const profile = await getProfile(db, userId)
  return { user, profile, profileIncomplete: user.role === 'enterprise' && validateProfile(profile).length > 0, careMode }
}

/** Remembers the account's 关怀模式 choice (any role); the signed-in user's own row only. */
export async function saveCareMode(db: Queryable, userId: string, careMode: boolean): Promise<{ careMode: boolean }> {
  await db.query('UPDATE users SET care_mode = $2 WHERE id = $1', [userId, careMode])
  return { careMode }
}
