/** The one place the server reads its configuration (environment variables). */
import path from 'node:path'
import type { Limit } from './rate-limit'
import { PUSH_SLOTS, type PushPurpose, type PushTemplate } from './integrations/push'

export interface Config {
  /**
   * `development` only when NODE_ENV says development or test: then, and only then, the local
   * identity provider, the WeChat and Alipay fakes, generated Alipay keys and the demo
   * campaigns may run. Anything else, an unset NODE_ENV included, is production.
   */
  mode: 'production' | 'development'
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
  /** Per person per 10 minutes (UPLOAD_MAX_PER_USER, THREAD_POST_MAX_PER_USER, PUSH_CONSENT_MAX_PER_USER): uploads, thread posts, push-consent records. */
  userLimits: { uploads: Limit; threadPosts: Limit; pushConsents: Limit }
  /** 问通知 questions per client address per 10 minutes (ASK_MAX_PER_ADDRESS, default 300: a search box asks as people type). */
  askLimit: Limit
  /** Bytes all stored attachments of one demand may take together (UPLOAD_MAX_BYTES_PER_DEMAND, default 100 MB). */
  uploadMaxBytesPerDemand: number
  /** Add Secure to cookies (on whenever publicUrl is https). */
  cookieSecure: boolean
  /** Seed the demo copies of campaigns (dates shifted into the future, labelled 演示). */
  demoSeed: boolean
  /**
   * Proxies in front of the server whose X-Forwarded-For is believed: none (false), their
   * addresses / CIDRs / `loopback`, or a rule trusting the nearest N hops.
   */
  trustProxy: false | string[] | ((address: string, hop: number) => boolean)
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
  const mode = env.NODE_ENV === 'development' || env.NODE_ENV === 'test' ? 'development' : 'production'
  return {
    mode,
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
    userLimits: {
      uploads: { max: positiveInt(env, 'UPLOAD_MAX_PER_USER', 60), windowMs: 10 * 60_000 },
      threadPosts: { max: positiveInt(env, 'THREAD_POST_MAX_PER_USER', 30), windowMs: 10 * 60_000 },
      pushConsents: { max: positiveInt(env, 'PUSH_CONSENT_MAX_PER_USER', 30), windowMs: 10 * 60_000 }
    },
    askLimit: { max: positiveInt(env, 'ASK_MAX_PER_ADDRESS', 300), windowMs: 10 * 60_000 },
    uploadMaxBytesPerDemand: positiveInt(env, 'UPLOAD_MAX_BYTES_PER_DEMAND', 100 * 1024 * 1024),
    cookieSecure: publicUrl.startsWith('https://'),
    demoSeed: (env.DEMO_SEED ?? String(mode === 'development')) === 'true',
    trustProxy: trustedProxies(env.TRUST_PROXY ?? '0'),
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
 * `TRUST_PROXY`: a hop count (0, the default: no proxy, the peer is the client) or
 * comma-separated addresses / CIDRs (`loopback` for an nginx on the same machine).
 */
function trustedProxies(value: string): Config['trustProxy'] {
  if (/^\d+$/.test(value.trim())) {
    const hops = Number(value)
    return hops === 0 ? false : (_address, hop) => hop < hops
  }
  return value.split(',').map((v) => v.trim()).filter(Boolean)
}

const DEV_DEFAULTS = { OIDC_CLIENT_SECRET: 'dev-secret-change-me', WECHAT_SECRET: 'wx-dev-secret' }

/**
 * Why production mode refuses to start with this environment: everything missing or unsafe at
 * once, each with its variable, in Chinese. Empty: safe to start.
 */
export function productionProblems(env: NodeJS.ProcessEnv, config: Config): string[] {
  if (config.mode !== 'production') return []
  const problems: string[] = []
  const unset = (name: string) => !env[name]?.trim()
  if (unset('OIDC_ISSUER')) problems.push('OIDC_ISSUER 未设置：生产模式不启动本地开发身份提供方（演示账号），请填写政务身份提供方地址')
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'WECHAT_APPID', 'WECHAT_SECRET', 'ALIPAY_APP_ID'] as const) {
    if (unset(name)) problems.push(`${name} 未设置`)
  }
  for (const [name, value] of Object.entries(DEV_DEFAULTS)) {
    if (env[name] === value) problems.push(`${name} 是公开的开发默认值，请换成真实的密钥`)
  }
  if (unset('WECHAT_API_BASE')) problems.push('WECHAT_API_BASE 未设置：生产模式不挂载微信接口的本地模拟（应为 https://api.weixin.qq.com）')
  if (unset('ALIPAY_GATEWAY')) problems.push('ALIPAY_GATEWAY 未设置：生产模式不挂载支付宝接口的本地模拟（应为 https://openapi.alipay.com/gateway.do）')
  if (unset('ALIPAY_PRIVATE_KEY') || unset('ALIPAY_PUBLIC_KEY')) {
    problems.push('ALIPAY_PRIVATE_KEY 或 ALIPAY_PUBLIC_KEY 未设置：生产模式不生成临时密钥，请填写应用私钥和支付宝公钥')
  }
  for (const name of ['WECHAT_API_BASE', 'ALIPAY_GATEWAY'] as const) {
    if (env[name]?.includes('/__fakes')) problems.push(`${name} 指向本地模拟接口`)
  }
  if (!config.publicUrl.startsWith('https://')) problems.push(`PUBLIC_URL 必须是 https 地址（现为 ${config.publicUrl}）：登录回调和 Cookie 需要加密连接`)
  if (unset('DATABASE_URL') && env.ALLOW_EMBEDDED_DB !== 'true') {
    problems.push('DATABASE_URL 未设置：生产模式默认不用嵌入式 PGlite（单进程、不能多实例）；确需使用请设置 ALLOW_EMBEDDED_DB=true')
  }
  if (config.demoSeed) problems.push('DEMO_SEED=true：生产模式不能混入【演示】征集')
  return problems
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

/** A limit from `name`: a whole number above 0 (a typo must not switch a limit off), else `fallback` when unset. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim()
  if (value === undefined || value === '') return fallback
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(Number(value))) throw new Error(`${name} 应为正整数（现为“${value}”）`)
  return Number(value)
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} 应为 ${allowed.join('、')} 之一`)
  return value as T
}
