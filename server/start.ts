/**
 * The product once its configuration is accepted (server/main.ts): database (PostgreSQL or
 * embedded PGlite), migrations, campaign seed, the local identity provider and platform fakes
 * in development only, then the HTTP server with the H5 app and the job workers.
 */
import { buildApp } from './app'
import { createOidcLogin } from './auth/gov-login'
import type { Config } from './config'
import { openDb } from './db'
import { migrate } from './db/migrate'
import { createAlipayLogin } from './integrations/alipay'
import { alipayFake, createAlipayFakeState, devAlipayKeys } from './integrations/fakes/alipay-fake'
import { createWechatFakeState, wechatFake } from './integrations/fakes/wechat-fake'
import { createWechatLogin } from './integrations/wechat'
import { startJobs } from './jobs'
import { seedCampaigns, type SeedResult } from './seed'

const FAKES = '/__fakes'

export async function start(accepted: Config): Promise<void> {
  let config = accepted
  const dev = config.mode === 'development'
  const clock = () => Date.now()
  const db = await openDb(config.databaseUrl, config.dataDir)
  const applied = await migrate(db)
  const seeded = await seedCampaigns(db, clock(), config.demoSeed)
  for (const line of seeded.skipped) console.error(line)

  let issuer = config.oidc.issuer
  if (!issuer && dev) {
    issuer = `http://localhost:${config.oidc.devProviderPort}`
    const { startDevProvider } = await import('./dev-idp/provider.mjs')
    await startDevProvider({
      port: config.oidc.devProviderPort,
      issuer,
      clients: [
        {
          clientId: config.oidc.clientId,
          clientSecret: config.oidc.clientSecret,
          redirectUris: [`${config.publicUrl}/api/auth/oidc/callback`]
        }
      ]
    })
  }

  // Development only: Alipay keys generated for this process, and the platforms' fakes under /__fakes.
  const fakeWechat = dev && config.wechat.apiBase.startsWith(config.publicUrl + FAKES)
  const fakeAlipay = dev && config.alipay.gateway.startsWith(config.publicUrl + FAKES)
  const keys = dev && (fakeAlipay || !config.alipay.privateKey) ? devAlipayKeys() : null
  if (keys && !config.alipay.privateKey) {
    config = { ...config, alipay: { ...config.alipay, privateKey: keys.appPrivateKey, alipayPublicKey: keys.alipayPublicKey } }
  }

  const app = await buildApp(
    {
      config,
      db,
      clock,
      govLogin: createOidcLogin({
        issuer,
        clientId: config.oidc.clientId,
        clientSecret: config.oidc.clientSecret,
        redirectUri: `${config.publicUrl}/api/auth/oidc/callback`
      }),
      platformLogins: { weapp: createWechatLogin(config.wechat), alipay: createAlipayLogin(config.alipay) }
    },
    { logger: true }
  )
  if (fakeWechat) {
    const state = createWechatFakeState({ appId: config.wechat.appId, secret: config.wechat.secret })
    await app.register(wechatFake, { prefix: `${FAKES}/wechat`, state })
  }
  if (fakeAlipay && keys) {
    const state = createAlipayFakeState({
      appId: config.alipay.appId,
      appPublicKey: keys.appPublicKey,
      alipayPrivateKey: keys.alipayPrivateKey
    })
    await app.register(alipayFake, { prefix: `${FAKES}/alipay`, state })
  }

  await app.listen({ port: config.port, host: config.host })
  // Reminders and pushes: the job workers share the queue with every other process on this database.
  const jobs = await startJobs({ db, config, clock, log: app.log })
  describe(config, db.kind, issuer, applied, seeded, fakeWechat || fakeAlipay)

  const stop = async () => {
    // a stop that hangs (a job or a connection that does not let go) must not keep the process
    setTimeout(() => {
      console.error('停止超时（10 秒），强制退出')
      process.exit(1)
    }, 10_000).unref()
    await jobs.stop()
    await app.close()
    await db.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function describe(config: Config, dbKind: string, issuer: string, applied: string[], seeded: SeedResult, fakes: boolean) {
  const lines = [
    '',
    `企业技术创新需求征集 已启动（${config.mode === 'production' ? '生产模式' : '开发模式'}）`,
    `  打开应用：      ${config.publicUrl}/`,
    `  数据库：        ${dbKind === 'pglite' ? `嵌入式 PGlite（${config.dataDir}）` : 'PostgreSQL（DATABASE_URL）'}`,
    `  迁移：          ${applied.length ? applied.join(', ') : '已是最新'}`,
    `  征集活动：      ${seeded.published.length ? `从 campaigns/ 发布或更新 ${seeded.published.length} 个` : 'campaigns/ 无变化'}${config.demoSeed ? '（含演示副本）' : ''}`,
    `  政务身份提供方：${issuer}${config.oidc.issuer ? '' : '（本地开发，演示账号密码 demo1234）'}`,
    fakes ? `  微信/支付宝接口：本地模拟（${config.publicUrl}${FAKES}/…，已推送的订阅消息见 …/__messages）` : '',
    `  定时任务：      pg-boss（截止提醒每分钟检查一次，消息推送即时）`,
    ''
  ]
  console.log(lines.filter((l) => l !== '').join('\n'))
}
