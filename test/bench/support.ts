/**
 * Shared by the recommender benchmarks: a real server on a private schema of the PostgreSQL
 * server (TEST_DATABASE_URL, or DATABASE_URL — nothing outside that schema is touched), and
 * fast seeding of many submitted demands with plain SQL (generate_series), shaped exactly as
 * submissions leave them (demand row + version 1 + the columns the recommender lists use).
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { searchText } from '../../server/status-events'
import type { Db } from '../../server/db'
import { RECOMMENDED_STATUSES } from '../../types/status'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import { seedCampaigns } from '../../server/seed'
import { openTestDb } from '../support/db'
import { completeAnswers } from '../types/fixtures'

export const CQ = 'cq-2026-key-areas'
export const CQ_DEF = CAMPAIGN_DEFINITIONS.find((d) => d.id === CQ)!

export interface BenchServer {
  app: FastifyInstance
  db: Db
  now: number
  close(): Promise<void>
}

/** The app on a fresh schema, with the campaigns; sign-in is not needed (sessions are seeded). */
export async function startBenchServer(opts: { beforeReady?: (app: FastifyInstance) => void } = {}): Promise<BenchServer> {
  // the PostgreSQL server, never embedded PGlite: its figures would not be the server's
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const now = Date.parse('2025-07-08T10:00:00+08:00')
  const db = await openTestDb()
  await seedCampaigns(db, now, false)
  const unused = () => {
    throw new Error('not used by the benchmark')
  }
  const app = await buildApp({
    config: loadConfig({ H5_DIR: '/nonexistent' }),
    db,
    clock: () => now,
    govLogin: { begin: unused, complete: unused, stateOf: unused },
    platformLogins: { weapp: { exchange: unused }, alipay: { exchange: unused } }
  })
  opts.beforeReady?.(app)
  await app.ready()
  return {
    app,
    db,
    now,
    async close() {
      await app.close()
      await db.close()
    }
  }
}

/**
 * `count` submitted demands in the Chongqing campaign, ten per seeded enterprise. Unit,
 * status and field cycle through the given lists; recommended ones get ranks 1…n per unit
 * (in the order they were generated).
 */
export async function seedDemands(db: Db, opts: { count: number; units: string[]; statuses: string[] }): Promise<void> {
  const tag = `bench-${Date.now()}-`
  const owners = Math.ceil(opts.count / 10)
  await db.query(
    `INSERT INTO users (issuer, subject, role, display_name) SELECT 'bench', $1 || k, 'enterprise', '基准企业' || k FROM generate_series(1, $2) k`,
    [tag, owners]
  )
  await db.query(
    `INSERT INTO profiles (user_id, enterprise_name, credit_code, contact_name, mobile, unit_type)
     SELECT id, '重庆' || display_name || '有限公司', '91500108MA' || lpad(substr(subject, length($1) + 1), 7, '0') || 'X', '王五', '13900000000', 'enterprise'
       FROM users WHERE issuer = 'bench' AND subject LIKE $1 || '%'`,
    [tag]
  )
  const base = completeAnswers(CQ)
  const domains = CQ_DEF.domains.map((d) => d.id)
  const directions = CQ_DEF.domains.map((d) => d.directions[0])
  const content = searchText(CQ_DEF, { ...base, demandName: '' })
  await db.query(
    `WITH owners AS (
       SELECT k, u.id, p.enterprise_name FROM generate_series(1, $2::int) k
         JOIN users u ON u.issuer = 'bench' AND u.subject = $3 || k JOIN profiles p ON p.user_id = u.id),
     rows AS (
       SELECT g, o.id AS owner, o.enterprise_name, '基准需求' || g || '：' || ($4::jsonb->>'demandName') AS title,
              ($5::text[])[1 + g % cardinality($5::text[])] AS status,
              ($6::text[])[1 + g % cardinality($6::text[])] AS unit,
              1 + g % cardinality($7::text[]) AS d
         FROM generate_series(1, $1::int) g JOIN owners o ON o.k = (g - 1) / 10 + 1),
     ranked AS (
       SELECT *, CASE WHEN status = ANY($12) THEN row_number() OVER (PARTITION BY unit, status = ANY($12) ORDER BY g) END AS rank
         FROM rows)
     INSERT INTO demands (campaign_id, owner_id, title, status, answers, version, current_step, submitted_version, submitted_at,
                          submitted_base_version, unit_type, recommender_unit, domain_id, direction, submitted_title, enterprise_name,
                          search_key, search_text, rank, created_at, updated_at)
     SELECT $9, owner, title, status,
            $4::jsonb || jsonb_build_object('demandName', title, 'recommender', unit,
                                            'domain', jsonb_build_object('domain', ($7::text[])[d], 'direction', ($8::text[])[d])),
            2, 'files', 1, $11::timestamptz - make_interval(secs => g), 2, 'enterprise', unit, ($7::text[])[d], ($8::text[])[d], title, enterprise_name,
            lower(title || E'\\n' || enterprise_name), title || E'\\n' || $10, rank, $11::timestamptz, $11::timestamptz
       FROM ranked`,
    [opts.count, owners, tag, JSON.stringify(base), opts.statuses, opts.units, domains, directions, CQ, content, new Date('2025-07-08T02:00:00Z'), RECOMMENDED_STATUSES]
  )
  await db.query(
    `INSERT INTO demand_versions (demand_id, number, title, answers, profile, based_on_version, submitted_by, submitted_at)
     SELECT d.id, 1, d.title, d.answers,
            jsonb_build_object('enterpriseName', p.enterprise_name, 'creditCode', p.credit_code, 'contactName', p.contact_name,
                               'mobile', p.mobile, 'unitType', p.unit_type),
            2, d.owner_id, d.submitted_at
       FROM demands d JOIN profiles p ON p.user_id = d.owner_id JOIN users u ON u.id = d.owner_id
      WHERE d.campaign_id = $1 AND u.subject LIKE $2 || '%'`,
    [CQ, tag]
  )
  // as autovacuum leaves a table that has been in use: statistics and visibility map up to date
  await db.query('VACUUM ANALYZE demands')
  await db.query('VACUUM ANALYZE demand_versions')
}

/** The inbox the recommender benchmarks read: `count` demands that all chose one unit (the worst case), statuses mixed. */
export const INBOX_UNIT = 'liangjiang'
export function seedInbox(db: Db, count: number): Promise<void> {
  return seedDemands(db, {
    count,
    units: [INBOX_UNIT],
    statuses: ['submitted', 'submitted', 'reviewing', 'returned', 'not_recommended', 'submitted', 'reviewing', 'submitted', 'submitted', 'recommended']
  })
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
