/**
 * The app as the benchmarks run it: the real routes on a given database, the clock fixed so
 * seeded sessions and campaigns hold, no sign-in (sessions are seeded). Only what the server
 * itself loads, so a benchmark can run it in a process of its own and measure that process.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import type { Db } from '../../server/db'

/** The benchmarks' clock: every seeded session and campaign is as of this moment. */
export const BENCH_NOW = Date.parse('2025-07-08T10:00:00+08:00')

export async function benchApp(db: Db, opts: { beforeReady?: (app: FastifyInstance) => void } = {}): Promise<FastifyInstance> {
  const unused = () => {
    throw new Error('not used by the benchmark')
  }
  const app = await buildApp({
    config: loadConfig({ H5_DIR: '/nonexistent' }),
    db,
    clock: () => BENCH_NOW,
    govLogin: { begin: unused, complete: unused, stateOf: unused },
    platformLogins: { weapp: { exchange: unused }, alipay: { exchange: unused } }
  })
  opts.beforeReady?.(app)
  await app.ready()
  return app
}
