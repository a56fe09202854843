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
import { seedCampaigns } from '../../server/seed'
import { openTestDb } from '../support/db'
import { schemaUrl } from '../support/test-schema'
import { freePort } from '../support/ports'
import { startProduct } from '../support/product'
import { seedAccount } from '../support/seed-demands'
import { CQ, INBOX_UNIT, draftRounds, loadavg, measure, resultRow, seedDrafts, seedInbox, type Draft, WARMUP_SECONDS, SECONDS, CONNECTIONS } from './support'

const INBOX_DEMANDS = 10_000
const ROOT = path.join(__dirname, '../..')

interface Pair {
  name: string
  product: autocannon.Result
  bare: autocannon.Result
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
        product: await measure(product.url, draftRounds(drafts, (d) => `/api/demands/${d.id}/draft`)),
        bare: await measure(bare.url, draftRounds(bareDrafts, (d) => `/drafts/${d.id}`))
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

  console.log()
  for (const { name, product, bare } of pairs) {
    console.log(name)
    console.log(resultRow('product', product))
    console.log(resultRow('bare', bare))
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
