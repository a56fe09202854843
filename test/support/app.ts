/**
 * The real server for tests: real database (PGlite or TEST_DATABASE_URL), the local
 * identity provider in its own process (one for all server test files, test/server/setup), WeChat
 * and Alipay fakes on their own ports,
 * and a clock the test can move.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { createOidcLogin } from '../../server/auth/gov-login'
import { loadConfig, type Config } from '../../server/config'
import type { Db } from '../../server/db'
import { createAlipayLogin } from '../../server/integrations/alipay'
import { alipayFake, createAlipayFakeState, devAlipayKeys, type AlipayFakeState, type DevAlipayKeys } from '../../server/integrations/fakes/alipay-fake'
import { startFake } from '../../server/integrations/fakes/serve'
import { createWechatFakeState, wechatFake, type WechatFakeConfig, type WechatFakeState } from '../../server/integrations/fakes/wechat-fake'
import { createWechatLogin } from '../../server/integrations/wechat'
import { startJobs, type Jobs } from '../../server/jobs'
import { seedCampaigns } from '../../server/seed'
import { openTestDb } from './db'
import { sharedIdp } from './idp'
import { APP_URL } from './sign-in'

export interface TestServer {
  app: FastifyInstance
  db: Db
  config: Config
  /** The job workers (reminders, pushes), when started with `jobs: true`. */
  jobs: Jobs | null
  /** Moves the server clock. */
  clock: { now: number }
  wechat: WechatFakeState
  alipay: AlipayFakeState
  close(): Promise<void>
}

export async function startTestServer(
  opts: { now?: number; demoSeed?: boolean; jobs?: boolean; wechatFake?: Partial<WechatFakeConfig>; env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {}
): Promise<TestServer> {
  const clock = { now: opts.now ?? Date.parse('2025-07-08T10:00:00+08:00') }
  const db = await openTestDb()
  // What has been started, last first: stopped by close(), and at once when the rest of the start
  // fails (a fake left listening would keep Jest from exiting).
  const started: Array<() => Promise<unknown>> = [() => db.close()]
  const stop = async () => {
    for (const step of started) await step()
  }
  try {
    await seedCampaigns(db, clock.now, opts.demoSeed ?? true)
    const idp = sharedIdp()

    // Tests sign in far more often than people do; the rate-limit test sets its own limits.
    const base = loadConfig({
      PUBLIC_URL: APP_URL,
      H5_DIR: '/nonexistent',
      SIGN_IN_MAX_PER_ADDRESS: '100000',
      SIGN_IN_MAX_PER_ACCOUNT: '100000',
      UPLOAD_MAX_PER_USER: '100000',
      THREAD_POST_MAX_PER_USER: '100000',
      PUSH_CONSENT_MAX_PER_USER: '100000',
      ...opts.env
    })
    const wechat = createWechatFakeState({ appId: base.wechat.appId, secret: base.wechat.secret, ...opts.wechatFake })
    // made once for all server test files by their globalSetup; here otherwise
    const keys: DevAlipayKeys = process.env.TEST_ALIPAY_KEYS ? JSON.parse(process.env.TEST_ALIPAY_KEYS) : devAlipayKeys()
    const alipay = createAlipayFakeState({
      appId: base.alipay.appId,
      appPublicKey: keys.appPublicKey,
      alipayPrivateKey: keys.alipayPrivateKey
    })
    const wechatServer = await startFake(wechatFake, { state: wechat })
    started.unshift(() => wechatServer.close())
    const alipayServer = await startFake(alipayFake, { state: alipay })
    started.unshift(() => alipayServer.close())
    const config: Config = {
      ...base,
      wechat: { ...base.wechat, apiBase: wechatServer.url },
      alipay: {
        ...base.alipay,
        gateway: `${alipayServer.url}/gateway.do`,
        privateKey: keys.appPrivateKey,
        alipayPublicKey: keys.alipayPublicKey
      }
    }

    const app = await buildApp({
      config,
      db,
      clock: () => clock.now,
      govLogin: createOidcLogin({
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri: `${APP_URL}/api/auth/oidc/callback`
      }),
      platformLogins: { weapp: createWechatLogin(config.wechat), alipay: createAlipayLogin(config.alipay) }
    }, { logStream: opts.logStream })
    started.unshift(() => app.close())
    await app.ready()
    const jobs = opts.jobs ? await startJobs({ db, config, clock: () => clock.now }) : null
    if (jobs) started.unshift(() => jobs.stop())
    return {
      app,
      db,
      config,
      jobs,
      clock,
      wechat,
      alipay,
      close: stop
    }
  } catch (err) {
    await stop().catch(() => undefined)
    throw err
  }
}
