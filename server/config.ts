/** The one place the server reads its configuration (environment variables). */
import path from 'node:path'
import type { Limit } from './rate-limit'

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
    }
  }
}
