/**
 * One server process's job workers and nothing else, for the queue tests and the benchmark,
 * so they can be killed: `node --import tsx test/support/reminder-worker.ts`. Configuration
 * comes from the environment as for the server (DATABASE_URL, JOBS_SCHEMA, WECHAT_API_BASE,
 * PUSH_LEASE_SECONDS, …). Prints one JSON line {"ready":true,"workerId":…} once it works;
 * stops cleanly on SIGTERM.
 */
import { loadConfig } from '../../server/config'
import { openPostgres } from '../../server/db'
import { startJobs } from '../../server/jobs'

async function main() {
  const config = loadConfig()
  const db = await openPostgres(config.databaseUrl)
  const jobs = await startJobs({ db, config, clock: Date.now, log: { info() {}, warn: (o, m) => console.error(m ?? o), error: (o, m) => console.error(m ?? o, o) } })
  process.stdout.write(JSON.stringify({ ready: true, workerId: jobs.workerId, pid: process.pid }) + '\n')
  process.once('SIGTERM', () => {
    void jobs
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0))
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
