/** Start a fake (a Fastify plugin) on its own ephemeral port, for tests. */
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyPluginOptions } from 'fastify'

export interface RunningFake {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:53211 */
  url: string
  close: () => Promise<void>
}

export async function startFake<O extends FastifyPluginOptions>(
  plugin: FastifyPluginAsync<O>,
  opts: O
): Promise<RunningFake> {
  const app = Fastify({ logger: false })
  await app.register(plugin, opts)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url: url.replace(/\/$/, ''),
    close: async () => {
      await app.close()
    }
  }
}

/**
 * The routes tests and the dev pages use to steer a platform fake: POST /__subscribe
 * `{ <userKey>, templateId }` grants one subscription message (what the person's consent in the
 * app would do), GET /__messages reads the last 200 messages the fake received.
 */
export function subscriptionRoutes(
  app: FastifyInstance,
  state: { grant(user: string, templateId: string): void; readonly messages: readonly unknown[] },
  userKey: 'openid' | 'userId'
): void {
  app.post('/__subscribe', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const user = body[userKey]
    if (typeof user !== 'string' || typeof body.templateId !== 'string') return reply.status(400).send({ error: `${userKey} and templateId` })
    state.grant(user, body.templateId)
    return { granted: true }
  })
  app.get('/__messages', async () => ({ messages: state.messages.slice(-200) }))
}
