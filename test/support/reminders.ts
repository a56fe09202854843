/**
 * Helpers for the reminder and push tests: waiting for the workers, a campaign whose
 * reminder is due now, and many drafts written straight into the tables (fixtures, not a
 * replacement for any of our functions: the workers under test read them as they would real ones).
 */
import cqJson from '../../campaigns/cq-2026-key-areas.json'
import { publishVersion } from '../../server/campaigns'
import type { Db, Queryable } from '../../server/db'
import type { CampaignDefinition } from '../../types/campaign'
import { addDays, dayOf } from '../../types/time'

/** Polls `check` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/** Counts of push_deliveries by state. */
export async function pushStates(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM push_deliveries GROUP BY state')
  return Object.fromEntries(rows.map((r) => [r.state, r.n]))
}

/** True when no reminder run is pending and no push is pending, claimed or being sent. */
export async function settled(db: Queryable): Promise<boolean> {
  const [r] = await db.query<{ runs: number; pushes: number }>(
    `SELECT (SELECT count(*)::int FROM reminder_runs WHERE state = 'pending') AS runs,
            (SELECT count(*)::int FROM push_deliveries WHERE state IN ('pending', 'claimed', 'sending')) AS pushes`
  )
  return r.runs === 0 && r.pushes === 0
}

/**
 * A copy of the Chongqing campaign whose one enterprise reminder ('3d') is due at `now`: the
 * enterprise deadline is tomorrow in Shanghai, quiet hours off, no recommender reminders.
 */
export async function dueCampaign(db: Db, id: string, now: number): Promise<CampaignDefinition> {
  const today = dayOf(now, 'Asia/Shanghai')
  const def = {
    ...(JSON.parse(JSON.stringify(cqJson)) as CampaignDefinition),
    id,
    title: `到期提醒测试征集活动（${id}）`,
    opensOn: addDays(today, -30),
    deadlines: { enterprise: addDays(today, 1), recommender: addDays(today, 5) },
    reminders: { enterprise: ['3d'], recommender: [], quietHours: null }
  }
  return (await publishVersion(db, def, { source: 'test', isDemo: true }, now)).definition
}

export interface SeededDrafts {
  /** openid of the n-th person is `o-<prefix>-<n>` */
  prefix: string
  count: number
}

/**
 * `count` enterprise users, each with one draft in the campaign, a WeChat binding and a
 * long-term consent for the reminder template: every one of them is due a push.
 */
export async function seedDrafts(db: Db, campaignId: string, count: number, templateId: string, prefix = 'r'): Promise<SeededDrafts> {
  await db.query(
    `WITH u AS (
       INSERT INTO users (issuer, subject, role, display_name)
       SELECT 'bench', $2 || '-' || g, 'enterprise', '企业' || g FROM generate_series(1, $1) g
       RETURNING id, subject),
     p AS (INSERT INTO profiles (user_id) SELECT id FROM u),
     b AS (INSERT INTO platform_bindings (platform, platform_user_id, user_id)
           SELECT 'weapp', 'o-' || u.subject, u.id FROM u),
     c AS (INSERT INTO push_consents (user_id, platform, template_id, long_term, last_result, updated_at)
           SELECT id, 'weapp', $4, true, 'accept', now() FROM u)
     INSERT INTO demands (campaign_id, owner_id, title, status)
     SELECT $3, id, '需求' || split_part(subject, '-', 2), 'draft' FROM u`,
    [count, prefix, campaignId, templateId]
  )
  return { prefix, count }
}

/** What the fake gateway received, per openid: how many of the seeded people got 0, 1 or more. */
export function tally(received: string[], seeded: SeededDrafts): { delivered: number; duplicates: number; missing: number } {
  const counts = new Map<string, number>()
  for (const openid of received) counts.set(openid, (counts.get(openid) ?? 0) + 1)
  let delivered = 0
  let duplicates = 0
  for (let i = 1; i <= seeded.count; i++) {
    const n = counts.get(`o-${seeded.prefix}-${i}`) ?? 0
    if (n >= 1) delivered++
    if (n > 1) duplicates += n - 1
  }
  return { delivered, duplicates, missing: seeded.count - delivered }
}
