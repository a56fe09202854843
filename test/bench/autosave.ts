/**
 * `npm run bench:autosave`: the draft-save route (PUT /api/demands/:id/draft) on the real
 * PostgreSQL server under autocannon (100 connections, 20 s), next to a bare Fastify + pg
 * route doing a single-row upsert, in the same run. Each connection edits its own demand
 * and carries the version the server returned, as the app does.
 * Uses BENCH_DATABASE_URL / TEST_DATABASE_URL / DATABASE_URL (a server), creating a
 * throw-away database on it.
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import autocannon from 'autocannon'
import { Client } from 'pg'
import { freePort } from '../support/idp'
import { startProduct } from '../support/product'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const CONNECTIONS = 100
const ROOT = path.join(__dirname, '../..')
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const answers = {
  classified: false,
  demandName: '车规级功能安全MCU芯片关键技术攻关',
  background: '汽车电子电气架构向域控制和中央计算演进，车规级MCU是整车控制的核心器件。'.repeat(8)
}

/** What one autocannon connection remembers between its requests. */
interface Conn {
  demand?: string
  version?: number
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = 'bench_' + crypto.randomBytes(4).toString('hex')
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = '/' + name
  try {
    return await fn(url.toString())
  } finally {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
    await admin.end()
  }
}

/** One user with a bearer session and one demand per connection, written straight into the database. */
async function seed(url: string): Promise<{ token: string; demandIds: string[] }> {
  const db = new Client({ connectionString: url })
  await db.connect()
  const [{ id: userId }] = (
    await db.query(`INSERT INTO users (issuer, subject, role, display_name) VALUES ('bench', 'bench', 'enterprise', '压测') RETURNING id`)
  ).rows
  const token = crypto.randomBytes(32).toString('base64url')
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, client, csrf_token, expires_at) VALUES ($1, $2, 'mp', 'x', now() + interval '1 day')`,
    [crypto.createHash('sha256').update(token).digest('hex'), userId]
  )
  const { rows } = await db.query(
    `INSERT INTO demands (campaign_id, owner_id, current_step)
     SELECT 'cq-2026-key-areas-demo', $1, 'basic' FROM generate_series(1, $2) RETURNING id`,
    [userId, CONNECTIONS]
  )
  await db.end()
  return { token, demandIds: rows.map((r) => r.id) }
}

function run(title: string, opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result)
    )
    instance.on('error', reject)
    process.stdout.write(`${title}: ${SECONDS} s …\n`)
  })
}

async function startBare(url: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(__dirname, 'bare-upsert.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('ready') && resolve()))
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}

async function main() {
  await withDatabase(async (url) => {
    const product = await startProduct({ DATABASE_URL: url, LOG_LEVEL: 'warn' })
    const bare = await startBare(url)
    try {
      const { token, demandIds } = await seed(url)
      const body = (version: number) => JSON.stringify({ baseVersion: version, answers, currentStep: 'basic' })
      let next = 0
      const ours = await run('PUT /api/demands/:id/draft', {
        url: product.url,
        requests: [
          {
            method: 'PUT',
            setupRequest: (req, ctx) => {
              const context = ctx as Conn
              context.demand ??= demandIds[next++ % demandIds.length]
              context.version ??= 1
              return {
                ...req,
                path: `/api/demands/${context.demand}/draft`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body: body(context.version)
              }
            },
            onResponse: (status, resBody, ctx) => {
              if (status === 200) (ctx as Conn).version = JSON.parse(resBody).version
            }
          }
        ]
      })
      let row = 0
      const baseline = await run('bare Fastify + pg upsert', {
        url: bare.url,
        requests: [
          {
            method: 'PUT',
            setupRequest: (req, ctx) => {
              const context = ctx as { row?: number }
              context.row ??= ++row
              return { ...req, path: `/rows/${context.row}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) }
            }
          }
        ]
      })
      const line = (name: string, r: autocannon.Result) =>
        `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`
      console.log(`\nAutosave on PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s each`)
      console.log(line('draft save (product)', ours))
      console.log(line('bare upsert', baseline))
      console.log(`ratio product/bare: ${(ours.requests.average / baseline.requests.average).toFixed(2)} (target ≥ 0.5); product p99 ${ours.latency.p99} ms (target ≤ 50 ms)`)
    } finally {
      bare.stop()
      await product.close()
    }
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
