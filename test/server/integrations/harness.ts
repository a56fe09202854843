/**
 * What the WeChat and Alipay adapter tests share: the fakes a test starts (closed after it),
 * a stand-in platform server for the replies no fake gives, the failure of a login, the Alipay
 * key pairs, and the reminder a sender pushes with the template data the platform receives.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyPluginOptions } from 'fastify'
import { generateRsaKeyPair, type RsaKeyPairPem } from '../../../server/integrations/fakes/alipay-fake'
import { startFake, type RunningFake } from '../../../server/integrations/fakes/serve'
import { PlatformLoginError } from '../../../server/integrations/platform-login'
import type { PushMessage, PushTemplate } from '../../../server/integrations/push'

/** Fakes started in a test, closed after it (afterEach). */
export function fakesPerTest() {
  const running: RunningFake[] = []
  afterEach(async () => {
    while (running.length) await running.pop()!.close()
  })
  return {
    async start<O extends FastifyPluginOptions>(plugin: FastifyPluginAsync<O>, opts: O): Promise<RunningFake> {
      const fake = await startFake(plugin, opts)
      running.push(fake)
      return fake
    },
    /** Stops the fake started last: the platform is down. */
    stopLast: () => running.pop()!.close()
  }
}

/**
 * A stand-in platform server for one case (a reply no fake gives): `routes` says what it answers
 * (form bodies arrive as text), `run` runs with its URL, and it is closed after.
 */
export async function withStandIn<T>(routes: (app: FastifyInstance) => void, run: (url: string) => Promise<T>): Promise<T> {
  const app = Fastify()
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, body))
  routes(app)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    return await run(url)
  } finally {
    await app.close()
  }
}

/** An Alipay gateway that answers every call with `text` (JSON as written, byte for byte). */
export const gatewayAnswering = (text: string) => (app: FastifyInstance) => {
  app.post('/gateway.do', async (_req, reply) => reply.type('application/json;charset=utf-8').send(text))
}

/** The error a login exchange fails with, which must be a PlatformLoginError. */
export async function loginRejection(p: Promise<unknown>): Promise<PlatformLoginError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformLoginError)
    return err as PlatformLoginError
  }
  throw new Error('expected the exchange to fail')
}

/**
 * Two RSA key pairs, made before the file's tests: `app` is the mini-program's; `other` is a
 * wrong key, or the signing key of a stand-in gateway. Read them inside the tests.
 */
export function alipayKeyPairs(): { app: RsaKeyPairPem; other: RsaKeyPairPem } {
  const keys = {} as { app: RsaKeyPairPem; other: RsaKeyPairPem }
  beforeAll(() => {
    keys.app = generateRsaKeyPair()
    keys.other = generateRsaKeyPair()
  })
  return keys
}

/** A deadline reminder 6 days 15 hours before the Chongqing deadline, as the reminder job hands it to a sender. */
export const reminderMessage =
  (toUser: string, template: PushTemplate) =>
  (over: Partial<PushMessage> = {}): PushMessage => ({
    toUser,
    template,
    page: '/packages/demand/pages/wizard/index?id=42',
    values: { campaign: '2026年度重点领域技术创新需求征集', deadline: '2025-07-20T15:59:00.000Z', left: '6天15小时', note: '需求尚未提交，请尽快提交' },
    ...over
  })

/** The template data the platform receives for that reminder: the keywords of campaign, deadline, time left and note, each with the text shown. */
export const reminderData = (campaign: string, deadline: string, left: string, note: string) => ({
  [campaign]: { value: '2026年度重点领域技术创新需求征集' },
  [deadline]: { value: '2025年7月20日 23:59' },
  [left]: { value: '6天15小时' },
  [note]: { value: '需求尚未提交，请尽快提交' }
})
