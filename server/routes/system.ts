import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Deps } from '../deps'
import { replies } from '../schemas/common'
import { ServerTimeSchema } from '../schemas/domain'

export const systemRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/health', { schema: { response: replies(Type.Object({ ok: Type.Boolean(), database: Type.String() })) } }, async () => {
    await deps.db.query('SELECT 1')
    return { ok: true, database: deps.db.kind }
  })

  /** The server clock: the app computes its offset once and counts down from it. */
  app.get('/api/time', { schema: { response: replies(ServerTimeSchema) } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return { now: deps.clock(), timezone: 'Asia/Shanghai' }
  })
}
