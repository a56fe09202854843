/**
 * Seeds enterprises, recommender accounts and submitted demands through the server's own
 * functions (the same code the routes run), for tests that need many of them. Each account
 * gets a real session; its token works as a bearer token against the app.
 */
import { AGREEMENTS } from '../../types/agreements'
import { recordConsents } from '../../server/account'
import { createSession, findSession, type Session } from '../../server/auth/sessions'
import type { Db } from '../../server/db'
import { createDemand, saveDraft, submitDemand } from '../../server/demands'
import { saveProfile, upsertUserFromIdentity } from '../../server/users'
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { creditCodeCheckChar } from '../../types/credit-code'
import type { Role, UnitType } from '../../types/domain'
import type { Answers } from '../../types/engine'
import { completeAnswers } from '../types/fixtures'

export interface Account {
  session: Session
  /** Bearer token for app.inject / fetch. */
  token: string
}

// from a random start (other seeders may share the database), then one by one: within a process
// no two accounts share a subject (a random part per account let two meet now and then)
let counter = Math.floor(Math.random() * 1_000_000)

/** A valid 统一社会信用代码 for the n-th seeded enterprise. */
export function creditCodeFor(n: number): string {
  const first17 = '91500108' + 'MA' + String(n).padStart(7, '0')
  return first17 + creditCodeCheckChar(first17)
}

export async function seedAccount(
  db: Db,
  now: number,
  opts: { role: Role; name?: string; unit?: string; unitType?: UnitType; issuer?: string } = { role: 'enterprise' }
): Promise<Account> {
  const n = ++counter
  const name = opts.name ?? `测试${opts.role === 'enterprise' ? '企业' : '账号'}${n}`
  const enterprise = opts.role === 'enterprise' ? { enterpriseName: name, creditCode: creditCodeFor(n) } : {}
  // A unit serves the bureau of the shipped campaign that lists it, unless told otherwise; a bureau serves itself.
  const recommenderIssuer =
    opts.issuer ?? (opts.role === 'bureau' ? opts.unit : CAMPAIGN_DEFINITIONS.find((d) => d.recommenders.units.some((u) => u.id === opts.unit))?.issuer)
  const userId = await upsertUserFromIdentity(
    db,
    { issuer: 'seed', subject: `seed-${n}`, role: opts.role, displayName: name, recommenderUnit: opts.unit, recommenderIssuer, ...enterprise },
    now
  )
  if (opts.role === 'enterprise') {
    await saveProfile(db, userId, { contactName: '王五', mobile: '13900000000', unitType: opts.unitType ?? 'enterprise' }, now)
  }
  // as at a real sign-in with the box ticked: the current agreements are on record
  await recordConsents(db, userId, AGREEMENTS, now)
  const { token } = await createSession(db, userId, 'mp', now, 24 * 365)
  return { session: (await findSession(db, token, now))!, token }
}

/** Creates, fills and submits one demand; returns its id. */
export async function seedSubmitted(db: Db, owner: Account, campaignId: string, answers: Answers, now: number): Promise<string> {
  const d = await createDemand(db, owner.session, campaignId, now)
  const step = d.currentStep
  const saved = await saveDraft(db, owner.session, d.id, { baseVersion: d.version, answers, currentStep: step }, now)
  await submitDemand(db, owner.session, d.id, saved.version, now)
  return d.id
}

/**
 * `count` submitted demands in a Chongqing campaign that chose `unit`, from as many seeded
 * enterprises as the campaign's limit per enterprise (10) needs. Names are numbered.
 */
export async function seedManyCq(db: Db, campaignId: string, unit: string, count: number, now: number): Promise<string[]> {
  const ids: string[] = []
  let owner: Account | null = null
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) owner = await seedAccount(db, now, { role: 'enterprise' })
    const answers = { ...completeAnswers('cq-2026-key-areas'), recommender: unit, demandName: `批量需求${i + 1}：车规级功能安全MCU芯片` }
    ids.push(await seedSubmitted(db, owner!, campaignId, answers, now))
  }
  return ids
}
