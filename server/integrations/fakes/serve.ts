/** Start a fake (a Fastify plugin) on its own ephemeral port, for tests. */
import Fastify, { type FastifyPluginAsync, type FastifyPluginOptions } from 'fastify'

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
