/** The one place the server reads its configuration (environment variables). */
import path from 'node:path'
import type { Limit } from './rate-limit'
import { PUSH_SLOTS, type PushPurpose, type PushTemplate } from './integrations/push'

export interface Config {
  port: number
  host: string
  /** Where browsers reach this server, used for redirects and cookies. */
  publicUrl: string
  /** PostgreSQL server; when empty, embedded PGlite in `dataDir`. */
  databaseUrl: string
  dataDir: string
  /** Folder of the built H5 app served at `/`. */
  h5Dir: string
  sessionTtlHours: number
  /** Sign-in attempts per client address, and completed sign-ins per account, per 10 minutes. */
  signInLimits: { perAddress: Limit; perAccount: Limit }
  /** Add Secure to cookies (on whenever publicUrl is https). */
  cookieSecure: boolean
  /** Seed the demo copies of campaigns (dates shifted into the future, labelled 演示). */
  demoSeed: boolean
  oidc: {
    /** Government identity provider; empty starts the local development provider. */
    issuer: string
    clientId: string
    clientSecret: string
    devProviderPort: number
  }
  wechat: { apiBase: string; appId: string; secret: string }
  alipay: {
    gateway: string
    appId: string
    /** PEM, PKCS#8. The app private key that signs requests (RSA2). */
    privateKey: string
    /** PEM. Alipay's public key that verifies responses. */
    alipayPublicKey: string
  }
  /** Subscription-message templates, per platform and purpose (ids from each platform's console). */
  push: {
    weapp: Record<PushPurpose, PushTemplate>
    alipay: Record<PushPurpose, PushTemplate>
    /** WeChat `miniprogram_state`: which version of the mini-program a message opens. */
    wechatMiniprogramState: 'developer' | 'trial' | 'formal'
  }
  jobs: {
    /**
     * Schema of the job queue's tables (pg-boss) on PostgreSQL. Empty: `pgboss`, or
     * `<schema>_jobs` when the connection works in another schema than public (a queue per
     * application schema, so processes of different schemas never take each other's jobs).
     */
    schema: string
    /** Push drains a process runs side by side. */
    drains: number
    /**
     * Pushes one drain claims and sends at a time (all in flight together). This is also what
     * a killed process can leave unanswered per drain: those become `unknown`, never resent.
     */
    sendBatch: number
    /**
     * A push a process took longer ago than this and never moved on is released: pending again
     * when it was only claimed, given up as unknown when it was being sent.
     */
    pushLeaseSeconds: number
    /** People one reminder transaction covers. */
    reminderChunkSize: number
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '')
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    databaseUrl: env.DATABASE_URL ?? '',
    dataDir: path.resolve(env.DATA_DIR ?? '.data/pglite'),
    h5Dir: path.resolve(env.H5_DIR ?? 'dist/h5'),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 24 * 7),
    signInLimits: {
      perAddress: { max: Number(env.SIGN_IN_MAX_PER_ADDRESS ?? 30), windowMs: 10 * 60_000 },
      perAccount: { max: Number(env.SIGN_IN_MAX_PER_ACCOUNT ?? 10), windowMs: 10 * 60_000 }
    },
    cookieSecure: publicUrl.startsWith('https://'),
    demoSeed: env.DEMO_SEED !== 'false',
    oidc: {
      issuer: env.OIDC_ISSUER ?? '',
      clientId: env.OIDC_CLIENT_ID ?? 'tech-demand-dev',
      clientSecret: env.OIDC_CLIENT_SECRET ?? 'dev-secret-change-me',
      devProviderPort: Number(env.DEV_IDP_PORT ?? 3001)
    },
    wechat: {
      apiBase: env.WECHAT_API_BASE ?? `${publicUrl}/__fakes/wechat`,
      appId: env.WECHAT_APPID ?? 'wx-dev-appid',
      secret: env.WECHAT_SECRET ?? 'wx-dev-secret'
    },
    alipay: {
      gateway: env.ALIPAY_GATEWAY ?? `${publicUrl}/__fakes/alipay/gateway.do`,
      appId: env.ALIPAY_APP_ID ?? '2021000000000000',
      privateKey: env.ALIPAY_PRIVATE_KEY ?? '',
      alipayPublicKey: env.ALIPAY_PUBLIC_KEY ?? ''
    },
    push: {
      weapp: {
        reminder: template(env, 'WECHAT_TEMPLATE_REMINDER', 'dev-wx-reminder', true, 'campaign:thing1,deadline:time2,left:thing3,note:thing4'),
        status: template(env, 'WECHAT_TEMPLATE_STATUS', 'dev-wx-status', false, 'demand:thing1,status:thing2,note:thing3,time:time4')
      },
      alipay: {
        reminder: template(env, 'ALIPAY_TEMPLATE_REMINDER', 'dev-ali-reminder', true, 'campaign:keyword1,deadline:keyword2,left:keyword3,note:keyword4'),
        status: template(env, 'ALIPAY_TEMPLATE_STATUS', 'dev-ali-status', false, 'demand:keyword1,status:keyword2,note:keyword3,time:keyword4')
      },
      wechatMiniprogramState: oneOf(env.WECHAT_MINIPROGRAM_STATE, ['developer', 'trial', 'formal'] as const, 'formal', 'WECHAT_MINIPROGRAM_STATE')
    },
    jobs: {
      schema: env.JOBS_SCHEMA ?? '',
      drains: Number(env.PUSH_DRAINS ?? 2),
      sendBatch: Number(env.PUSH_SEND_BATCH ?? 32),
      pushLeaseSeconds: Number(env.PUSH_LEASE_SECONDS ?? 60),
      reminderChunkSize: Number(env.REMINDER_CHUNK_SIZE ?? 2000)
    }
  }
}

/**
 * A template from `<PREFIX>` (its id; empty switches the message off on that platform),
 * `<PREFIX>_LONG_TERM` (true/false) and `<PREFIX>_KEYWORDS` (`slot:keyword,…`, e.g. `campaign:thing1`).
 */
function template(env: NodeJS.ProcessEnv, prefix: string, id: string, longTerm: boolean, keywords: string): PushTemplate {
  const pairs = (env[`${prefix}_KEYWORDS`] ?? keywords).split(',').map((p) => p.trim().split(':'))
  const bad = pairs.find(([slot, keyword]) => !(PUSH_SLOTS as readonly string[]).includes(slot) || !/^[a-z_]+[0-9]*$/.test(keyword ?? ''))
  if (bad) throw new Error(`${prefix}_KEYWORDS 中“${bad.join(':')}”不正确：应为 ${PUSH_SLOTS.join('|')}:关键词，如 campaign:thing1`)
  return {
    id: env[prefix] ?? id,
    longTerm: (env[`${prefix}_LONG_TERM`] ?? String(longTerm)) === 'true',
    keywords: Object.fromEntries(pairs)
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} 应为 ${allowed.join('、')} 之一`)
  return value as T
}
