/**
 * `npm run bench:scale`: draft saves through nginx (deploy/nginx.conf) with one product instance
 * behind it, then with two, on one PostgreSQL, under autocannon, in the same run and on the same
 * data. Saves behave like the app's (one in flight per draft, each naming the version the
 * previous answer gave). Uses TEST_DATABASE_URL, DATABASE_URL or the local server, in a private
 * schema dropped afterwards. BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type autocannon from 'autocannon'
import { seedCampaigns } from '../../server/seed'
import { openTestDb } from '../support/db'
import { freePort } from '../support/ports'
import { startNginx } from '../support/nginx'
import { startProduct } from '../support/product'
import { CONNECTIONS, draftRounds, loadavg, measure, resultRow, SECONDS, seedDrafts, WARMUP_SECONDS } from './support'

async function main() {
  process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const db = await openTestDb()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'))
  const results: Array<[string, autocannon.Result]> = []
  try {
    const now = Date.now()
    await seedCampaigns(db, now, true)
    const drafts = await seedDrafts(db, now, CONNECTIONS * 8)
    const env = { DATABASE_URL: db.connectionString!, H5_DIR: path.join(dir, 'no-h5'), LOG_LEVEL: 'warn' }
    const instances = [await startProduct(env), await startProduct(env)]
    const ports = instances.map((p) => Number(new URL(p.url).port))
    console.log(`draft saves through nginx, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s each; load average ${loadavg()} (1 / 5 / 15 min)`)
    try {
      for (const [name, upstreams, batch] of [['1 instance', ports.slice(0, 1), 0], ['2 instances', ports, 1]] as const) {
        const nginx = await startNginx(await freePort(), [...upstreams], path.join(dir, `nginx-${batch}`))
        try {
          const own = drafts.slice(batch * CONNECTIONS * 4, (batch + 1) * CONNECTIONS * 4)
          results.push([name, await measure(nginx.url, draftRounds(own, (d) => `/api/demands/${d.id}/draft`))])
        } finally {
          await nginx.stop()
        }
      }
    } finally {
      await Promise.all(instances.map((p) => p.close()))
    }
  } finally {
    await db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  console.log()
  for (const [name, r] of results) console.log(resultRow(name, r))
  const [[, one], [, two]] = results
  console.log(`  2 instances / 1: ${(two.requests.average / one.requests.average).toFixed(2)}× the requests/s, ${(two.latency.p99 / one.latency.p99).toFixed(2)}× the p99`)
  console.log(`machine: ${os.cpus().length} CPUs (nginx, both instances, PostgreSQL and autocannon share them), load average ${loadavg()}`)
  if (results.some(([, r]) => r.errors || r.non2xx)) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
