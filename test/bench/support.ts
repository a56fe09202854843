/**
 * Shared by the recommender benchmarks: a real server on a private schema of the PostgreSQL
 * server (TEST_DATABASE_URL, or DATABASE_URL — nothing outside that schema is touched), and
 * fast seeding of many submitted demands with plain SQL (generate_series), shaped exactly as
 * submissions leave them (demand row + version 1 + the columns the recommender lists use).
 */
import os from 'node:os'
import autocannon from 'autocannon'
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { createDemand } from '../../server/demands'
import { seedAccount } from '../support/seed-demands'
import { searchText } from '../../server/status-events'
import type { Db } from '../../server/db'
import { RECOMMENDED_STATUSES } from '../../types/status'
import type { FastifyInstance } from 'fastify'
import { seedCampaigns } from '../../server/seed'
import { CQ } from '../support/campaigns'
import { openTestDb } from '../support/db'
import { completeAnswers } from '../types/fixtures'
import { BENCH_NOW, benchApp } from './app'

export { CQ }
export const CQ_DEF = CAMPAIGN_DEFINITIONS.find((d) => d.id === CQ)!

export interface BenchServer {
  app: FastifyInstance
  db: Db
  now: number
  close(): Promise<void>
}

/** The benchmarks' database: a fresh schema of the PostgreSQL server, with the campaigns. */
export async function openBenchDb(): Promise<Db> {
  // the PostgreSQL server, never embedded PGlite: its figures would not be the server's
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const db = await openTestDb()
  await seedCampaigns(db, BENCH_NOW, false)
  return db
}

/** The app on a fresh schema, with the campaigns. */
export async function startBenchServer(opts: { beforeReady?: (app: FastifyInstance) => void } = {}): Promise<BenchServer> {
  const db = await openBenchDb()
  const app = await benchApp(db, opts)
  return {
    app,
    db,
    now: BENCH_NOW,
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

// ---------------------------------------------------------------- draft saves under autocannon

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const WARMUP_SECONDS = 2
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
/** Open for enterprises whatever today's date. */
const DRAFT_CAMPAIGN = `${CQ}-demo`
/** A complete Chongqing demand, as a draft looks on its last step. */
const ANSWERS = completeAnswers(CQ)

export interface Draft {
  id: string
  version: number
  token: string
  step: string
}

/** Drafts of seeded enterprises, never saved yet (version as created). */
export async function seedDrafts(db: Db, now: number, count: number): Promise<Draft[]> {
  const drafts: Draft[] = []
  let owner: Awaited<ReturnType<typeof seedAccount>> | null = null
  for (let i = 0; i < count; i++) {
    // ten demands per enterprise and campaign at the most
    if (i % 10 === 0) owner = await seedAccount(db, now, { role: 'enterprise' })
    const d = await createDemand(db, owner!.session, DRAFT_CAMPAIGN, now)
    drafts.push({ id: d.id, version: d.version, token: owner!.token, step: d.currentStep })
  }
  return drafts
}

/**
 * Draft saves as the app makes them: a connection takes a draft nobody is saving, sends it
 * with the version it last heard of, and gives it back with the version the answer names
 * (a 409 answer carries the server's copy and its version).
 */
function draftSaves(drafts: Draft[], pathOf: (d: Draft) => string): autocannon.Request {
  const idle = [...drafts]
  const body = (d: Draft) => JSON.stringify({ baseVersion: d.version, answers: ANSWERS, currentStep: d.step })
  return {
    method: 'PUT',
    setupRequest: (req, ctx) => {
      const d = idle.shift()
      if (!d) throw new Error('every draft is in flight: more connections than drafts, or answers lost')
      ;(ctx as { draft?: Draft }).draft = d
      return { ...req, path: pathOf(d), headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` }, body: body(d) }
    },
    onResponse: (status, resBody, ctx) => {
      const d = (ctx as { draft: Draft }).draft
      if (status === 200) d.version = (JSON.parse(resBody) as { version: number }).version
      else if (status === 409) d.version = (JSON.parse(resBody) as { current: { version: number } }).current.version
      idle.push(d)
    }
  }
}

/**
 * Warm-up and measured run each save their own drafts, two per connection (a request lost to a
 * timeout keeps its draft), so a save still in flight when the warm-up stops cannot conflict.
 */
export function draftRounds(all: Draft[], pathOf: (d: Draft) => string): () => autocannon.Request[] {
  let round = 0
  return () => [draftSaves(all.slice(round * CONNECTIONS * 2, ++round * CONNECTIONS * 2), pathOf)]
}

function load(url: string, requests: autocannon.Request[], seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, requests }, (err, result) => (err ? reject(err) : resolve(result)))
    instance.on('error', reject)
  })
}

/** Warm-up, then the measured run. */
export async function measure(url: string, requests: () => autocannon.Request[]): Promise<autocannon.Result> {
  await load(url, requests(), WARMUP_SECONDS)
  return load(url, requests(), SECONDS)
}

export const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ')
const statuses = (r: autocannon.Result) =>
  Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ')

/** One line: requests/s, latencies and every answer that was not 2xx. */
export const resultRow = (name: string, r: autocannon.Result) =>
  `  ${name.padEnd(8)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ` +
  `2xx ${r['2xx']}   non-2xx ${r.non2xx}${r.non2xx ? ` (${statuses(r)})` : ''}   errors ${r.errors}   timeouts ${r.timeouts}`
