/** Users and their enterprise profiles. */
import type { Me, Profile, UnitType, User } from '../types/domain'
import { normaliseProfile, validateProfile } from '../types/profile'
import type { GovIdentity } from './auth/gov-login'
import type { Queryable } from './db'
import { badRequest } from './errors'

const PROFILE_COLUMNS = `enterprise_name AS "enterpriseName", credit_code AS "creditCode",
  contact_name AS "contactName", mobile, unit_type AS "unitType"`

/**
 * Creates or refreshes the user behind a government identity. The profile takes the
 * enterprise name, credit code and unit type from the identity where still empty,
 * so the person is asked only for what is missing.
 */
export async function upsertUserFromIdentity(db: Queryable, id: GovIdentity, now: number): Promise<string> {
  const [user] = await db.query<{ id: string }>(
    `INSERT INTO users (issuer, subject, role, display_name, recommender_unit, last_sign_in_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (issuer, subject) DO UPDATE SET role = EXCLUDED.role, display_name = EXCLUDED.display_name,
       recommender_unit = EXCLUDED.recommender_unit, last_sign_in_at = EXCLUDED.last_sign_in_at
     RETURNING id`,
    [id.issuer, id.subject, id.role, id.displayName, id.recommenderUnit ?? null, new Date(now)]
  )
  await db.query(
    `INSERT INTO profiles (user_id, enterprise_name, credit_code, unit_type, contact_name)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET
       enterprise_name = CASE WHEN profiles.enterprise_name = '' THEN EXCLUDED.enterprise_name ELSE profiles.enterprise_name END,
       credit_code = CASE WHEN profiles.credit_code = '' THEN EXCLUDED.credit_code ELSE profiles.credit_code END,
       unit_type = CASE WHEN profiles.unit_type = '' THEN EXCLUDED.unit_type ELSE profiles.unit_type END,
       contact_name = CASE WHEN profiles.contact_name = '' THEN EXCLUDED.contact_name ELSE profiles.contact_name END`,
    [user.id, id.enterpriseName ?? '', (id.creditCode ?? '').toUpperCase(), id.unitType ?? '', id.role === 'enterprise' ? id.displayName : '']
  )
  return user.id
}

export async function getProfile(db: Queryable, userId: string): Promise<Profile> {
  const [row] = await db.query<Profile>(`SELECT ${PROFILE_COLUMNS} FROM profiles WHERE user_id = $1`, [userId])
  return row
}

export async function saveProfile(db: Queryable, userId: string, input: Profile, now: number): Promise<Profile> {
  const errors = validateProfile(input)
  if (errors.length) throw badRequest('VALIDATION_FAILED', errors[0].message, errors)
  const p = normaliseProfile(input)
  const [row] = await db.query<Profile>(
    `UPDATE profiles SET enterprise_name = $2, credit_code = $3, contact_name = $4, mobile = $5, unit_type = $6, updated_at = $7
      WHERE user_id = $1 RETURNING ${PROFILE_COLUMNS}`,
    [userId, p.enterpriseName, p.creditCode, p.contactName, p.mobile, p.unitType as UnitType, new Date(now)]
  )
  return row
}

export async function getMe(db: Queryable, userId: string): Promise<Omit<Me, 'csrfToken'>> {
  const [user] = await db.query<User>(
    `SELECT id, role, display_name AS "displayName", recommender_unit AS "recommenderUnit" FROM users WHERE id = $1`,
    [userId]
  )
  const profile = await getProfile(db, userId)
  return { user, profile, profileIncomplete: user.role === 'enterprise' && validateProfile(profile).length > 0 }
}
