/**
 * The server of bench:export, in a process of its own so that what the benchmark measures of it
 * (RSS, CPU time) is the server's alone: the app (test/bench/app.ts) on DATABASE_URL, listening
 * on 127.0.0.1:BENCH_PORT (any free port when unset). Tells its parent its URL over the IPC
 * channel and exits when the parent goes.
 */
import { openPostgres } from '../../server/db'
import { benchApp } from './app'

async function main() {
  const db = await openPostgres(process.env.DATABASE_URL!)
  const app = await benchApp(db)
  const url = await app.listen({ port: Number(process.env.BENCH_PORT ?? 0), host: '127.0.0.1' })
  process.once('disconnect', () => void app.close().then(() => db.close()).finally(() => process.exit(0)))
  process.send!({ url })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
