/**
 * `npm run bench:api`: the main API routes under autocannon on the PostgreSQL server, each
 * next to a bare Fastify + pg route doing comparable work (test/bench/bare-api.ts), in the
 * same run and on the same data:
 *   campaign list      GET /api/campaigns                           ~ the same SELECT of the campaign rows
 *   draft save         PUT /api/demands/:id/draft                   ~ an upsert of one jsonb row
 *   recommender inbox  GET /api/recommend/campaigns/:id/demands     ~ one page: SELECT … ORDER BY … LIMIT 20
 *                      (first page of 10,000 demands in one unit's inbox)
 * The product runs as users meet it (server/main.ts in its own process, LOG_LEVEL=warn), the
 * bare server in another; autocannon in this one. Draft saves behave like the app: each draft
 * has at most one save in flight and every save names the version the previous answer gave,
 * so conflicts (409) only come from real races; every non-2xx answer is counted and shown.
 * Uses TEST_DATABASE_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, in a
 * private schema dropped afterwards. BENCH_SECONDS (default 10) per measurement,
 * BENCH_CONNECTIONS (default 50).
 */
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import type { Db } from '../../server/db'
import { createDemand } from '../../server/demands'
import { seedCampaigns } from '../../server/seed'
import { openTestDb, schemaUrl } from '../support/db'
import { freePort } from '../support/idp'
import { startProduct } from '../support/product'
import { seedAccount } from '../support/seed-demands'
import { completeAnswers } from '../types/fixtures'
import { CQ, INBOX_UNIT, seedInbox } from './support'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP_SECONDS = 2
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const INBOX_DEMANDS = 10_000
const DRAFT_CAMPAIGN = `${CQ}-demo` // open for enterprises whatever today's date
const ROOT = path.join(__dirname, '../..')
/** A complete Chongqing demand, as a draft looks on its last step. */
const ANSWERS = completeAnswers(CQ)

interface Draft {
  id: string
  version: number
  token: string
  step: string
}

interface Pair {
  name: string
  product: autocannon.Result
  bare: autocannon.Result
}

/** Drafts of seeded enterprises, never saved yet (version as created). */
async function seedDrafts(db: Db, now: number, count: number): Promise<Draft[]> {
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

function load(url: string, requests: autocannon.Request[], seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, requests }, (err, result) => (err ? reject(err) : resolve(result)))
    instance.on('error', reject)
  })
}

/** Warm-up, then the measured run. */
async function measure(url: string, requests: () => autocannon.Request[]): Promise<autocannon.Result> {
  await load(url, requests(), WARMUP_SECONDS)
  return load(url, requests(), SECONDS)
}

async function startBare(databaseUrl: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(__dirname, 'bare-api.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve())
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)))
  })
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}

const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ')
const statuses = (r: autocannon.Result) =>
  Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ')

async function main() {
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const db = await openTestDb()
  const pairs: Pair[] = []
  try {
    const [{ schema }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema')
    const databaseUrl = schemaUrl(process.env.TEST_DATABASE_URL, schema)
    const now = Date.now()
    await seedCampaigns(db, now, true)
    await seedInbox(db, INBOX_DEMANDS)
    const recommender = await seedAccount(db, now, { role: 'recommender', unit: INBOX_UNIT })
    // Warm-up and measured run each save their own drafts, two per connection (a request lost to a
    // timeout keeps its draft), so a save still in flight when the warm-up stops cannot conflict.
    const drafts = await seedDrafts(db, now, CONNECTIONS * 4)
    const bareDrafts: Draft[] = drafts.map((d, i) => ({ ...d, id: String(i + 1) }))
    const rounds = (all: Draft[], pathOf: (d: Draft) => string) => {
      let round = 0
      return () => [draftSaves(all.slice(round * CONNECTIONS * 2, ++round * CONNECTIONS * 2), pathOf)]
    }

    const [product, bare] = await Promise.all([startProduct({ DATABASE_URL: databaseUrl, H5_DIR: '/nonexistent' }), startBare(databaseUrl)])
    console.log(`API on PostgreSQL, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s each; load average ${loadavg()} (1 / 5 / 15 min)`)
    try {
      const get = (p: string, token?: string): autocannon.Request => ({ method: 'GET', path: p, headers: token ? { authorization: `Bearer ${token}` } : {} })
      pairs.push({
        name: 'campaign list',
        product: await measure(product.url, () => [get('/api/campaigns')]),
        bare: await measure(bare.url, () => [get('/campaigns')])
      })
      pairs.push({
        name: 'draft save',
        product: await measure(product.url, rounds(drafts, (d) => `/api/demands/${d.id}/draft`)),
        bare: await measure(bare.url, rounds(bareDrafts, (d) => `/drafts/${d.id}`))
      })
      pairs.push({
        name: `recommender inbox (${INBOX_DEMANDS.toLocaleString('en')})`,
        product: await measure(product.url, () => [get(`/api/recommend/campaigns/${CQ}/demands`, recommender.token)]),
        bare: await measure(bare.url, () => [get(`/inbox?campaign=${CQ}&unit=${INBOX_UNIT}`)])
      })
    } finally {
      bare.stop()
      await product.close()
    }
  } finally {
    await db.close()
  }

  const row = (name: string, r: autocannon.Result) =>
    `  ${name.padEnd(8)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   ` +
    `2xx ${r['2xx']}   non-2xx ${r.non2xx}${r.non2xx ? ` (${statuses(r)})` : ''}   errors ${r.errors}   timeouts ${r.timeouts}`
  console.log()
  for (const { name, product, bare } of pairs) {
    console.log(name)
    console.log(row('product', product))
    console.log(row('bare', bare))
    console.log(
      `  product/bare: ${(product.requests.average / bare.requests.average).toFixed(2)}× the requests/s, ${(product.latency.p99 / bare.latency.p99).toFixed(2)}× the p99`
    )
  }
  console.log(`machine: ${os.cpus().length} CPUs, load average ${loadavg()} (1 / 5 / 15 min)`)
  if (pairs.some((p) => p.product.errors || p.product.non2xx)) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
