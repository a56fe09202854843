import type { FastifyPluginAsync } from 'fastify'
import type { ServerTime } from '../../types/domain'
import type { Deps } from '../deps'

export const systemRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/health', async () => {
    await deps.db.query('SELECT 1')
    return { ok: true, database: deps.db.kind }
  })

  /** The server clock: the app computes its offset once and counts down from it. */
  app.get('/api/time', async (_req, reply): Promise<ServerTime> => {
    reply.header('cache-control', 'no-store')
    return { now: deps.clock(), timezone: 'Asia/Shanghai' }
  })
}
