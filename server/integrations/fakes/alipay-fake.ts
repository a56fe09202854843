/**
 * Local fake of the Alipay OpenAPI gateway for alipay.system.oauth.token
 * (platform-apis.md §4b, §4c), as a Fastify plugin.
 * Mount in development: app.register(alipayFake, { prefix: '/__fakes/alipay', state })
 * Routes: POST (or GET) /gateway.do, POST /__issue {userId?, idMode?} → {code, userId, openId}
 * Never mount it in production: /__issue hands out auth codes for any user.
 */
import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import {
  OAUTH_TOKEN_METHOD,
  OAUTH_TOKEN_RESPONSE_KEY,
  alipaySignString,
  alipayTimestamp,
  rsa2Sign,
  rsa2Verify
} from '../alipay'

export interface RsaKeyPairPem {
  privateKey: string
  publicKey: string
}

/** PKCS#8 private + SPKI public, PEM, RSA 2048. */
export function generateRsaKeyPair(): RsaKeyPairPem {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
  })
}

export interface DevAlipayKeys {
  /** For config.alipay.privateKey (signs requests). */
  appPrivateKey: string
  /** For the fake (verifies requests). */
  appPublicKey: string
  /** For the fake (signs responses). */
  alipayPrivateKey: string
  /** For config.alipay.alipayPublicKey (verifies responses). */
  alipayPublicKey: string
}

let devKeys: DevAlipayKeys | undefined

/** Development keys when the config has none: generated once per process. */
export function devAlipayKeys(): DevAlipayKeys {
  if (!devKeys) {
    const app = generateRsaKeyPair()
    const alipay = generateRsaKeyPair()
    devKeys = {
      appPrivateKey: app.privateKey,
      appPublicKey: app.publicKey,
      alipayPrivateKey: alipay.privateKey,
      alipayPublicKey: alipay.publicKey
    }
  }
  return devKeys
}

/** Which ids the token response carries: openid mode returns open_id and an empty user_id. */
export type AlipayIdMode = 'user_id' | 'open_id' | 'both'

export interface AlipayFakeConfig {
  appId: string
  /** The app's public key (verifies incoming request signatures). */
  appPublicKey: string
  /** The key the fake signs responses with; generated when absent. */
  alipayPrivateKey?: string
  now?: () => number
  /** auth_code lifetime (default 3 minutes, the short end of the documented 3 min – 24 h). */
  codeTtlMs?: number
  /** Default for issueCode (default 'both'). */
  idMode?: AlipayIdMode
}

export interface AlipayIssueOptions {
  idMode?: AlipayIdMode
  unionId?: string
}

export interface AlipayIssuedUser {
  code: string
  userId: string
  openId: string
}

export interface AlipayFakeState {
  readonly appId: string
  /** Public half of the fake's signing key: put it in config.alipay.alipayPublicKey. */
  readonly alipayPublicKey: string
  /** Issue a single-use auth code for a user (random 2088… user id when absent). */
  issueCode(userId?: string, opts?: AlipayIssueOptions): AlipayIssuedUser
}

interface IssuedCode {
  userId: string
  openId: string
  unionId?: string
  idMode: AlipayIdMode
  expiresAt: number
}

interface InternalState extends AlipayFakeState {
  readonly appPublicKey: string
  readonly alipayPrivateKey: string
  readonly now: () => number
  readonly codes: Map<string, IssuedCode>
}

export function randomAlipayUserId(): string {
  let digits = ''
  for (let i = 0; i < 12; i++) digits += crypto.randomInt(10).toString()
  return '2088' + digits
}

/** A stable per-app open id for a user (shape only resembles the real ones). */
function openIdFor(appId: string, userId: string): string {
  return '0' + crypto.createHash('sha256').update(`${appId}:${userId}`).digest('base64url').slice(0, 42)
}

export function createAlipayFakeState(config: AlipayFakeConfig): AlipayFakeState {
  const now = config.now ?? Date.now
  let alipayPrivateKey = config.alipayPrivateKey
  let alipayPublicKey: string
  if (alipayPrivateKey) {
    alipayPublicKey = crypto
      .createPublicKey(alipayPrivateKey)
      .export({ type: 'spki', format: 'pem' })
      .toString()
  } else {
    const pair = generateRsaKeyPair()
    alipayPrivateKey = pair.privateKey
    alipayPublicKey = pair.publicKey
  }
  const ttl = config.codeTtlMs ?? 3 * 60_000
  const defaultMode = config.idMode ?? 'both'
  const state: InternalState = {
    appId: config.appId,
    appPublicKey: config.appPublicKey,
    alipayPrivateKey,
    alipayPublicKey,
    now,
    codes: new Map(),
    issueCode(userId, opts = {}) {
      const uid = userId || randomAlipayUserId()
      const code = crypto.randomBytes(16).toString('hex')
      const openId = openIdFor(config.appId, uid)
      state.codes.set(code, {
        userId: uid,
        openId,
        unionId: opts.unionId,
        idMode: opts.idMode ?? defaultMode,
        expiresAt: now() + ttl
      })
      return { code, userId: uid, openId }
    }
  }
  return state
}

export interface AlipayFakeOptions {
  state: AlipayFakeState
}

/** The body Alipay sends: the node's JSON text, then its signature. */
function signedBody(state: InternalState, key: string, node: Record<string, unknown>): string {
  const raw = JSON.stringify(node)
  const sign = rsa2Sign(raw, state.alipayPrivateKey)
  return `{"${key}":${raw},"sign":"${sign}"}`
}

function errorNode(code: '20000' | '40001' | '40002', subCode: string, subMsg: string) {
  const msg = { '20000': 'Service Currently Unavailable', '40001': 'Missing Required Arguments', '40002': 'Invalid Arguments' }[code]
  return { code, msg, sub_code: subCode, sub_msg: subMsg }
}

const REQUIRED: Array<[string, string]> = [
  ['app_id', 'isv.missing-app-id'],
  ['method', 'isv.missing-method'],
  ['charset', 'isv.missing-charset'],
  ['sign_type', 'isv.missing-signature-type'],
  ['sign', 'isv.missing-signature'],
  ['timestamp', 'isv.missing-timestamp'],
  ['version', 'isv.missing-version']
]

export const alipayFake: FastifyPluginAsync<AlipayFakeOptions> = async (app, opts) => {
  const state = opts.state as InternalState

  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)))
    })
  }

  const gateway = async (params: Record<string, string>): Promise<Record<string, unknown>> => {
    for (const [name, subCode] of REQUIRED) {
      if (!params[name]) return errorNode('40001', subCode, `缺少参数 ${name}`)
    }
    if (params.app_id !== state.appId) return errorNode('40002', 'isv.invalid-app-id', '无效的AppID参数')
    if (params.method !== OAUTH_TOKEN_METHOD) return errorNode('40002', 'isv.invalid-method', '不存在的方法名')
    if (params.sign_type !== 'RSA2') return errorNode('40002', 'isv.invalid-signature-type', '无效的签名类型')
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp)) {
      return errorNode('40002', 'isv.invalid-timestamp', '非法的时间戳参数')
    }
    if (!rsa2Verify(alipaySignString(params), params.sign, state.appPublicKey)) {
      return errorNode('40002', 'isv.invalid-signature', '验签出错')
    }
    if (params.grant_type !== 'authorization_code') {
      return errorNode('40002', 'isv.grant-type-invalid', 'grant_type 参数不正确')
    }
    const issued = params.code ? state.codes.get(params.code) : undefined
    if (!issued || issued.expiresAt <= state.now()) {
      return errorNode('40002', 'isv.code-invalid', '授权码code无效')
    }
    state.codes.delete(params.code) // single use
    const node: Record<string, unknown> = {
      user_id: issued.idMode === 'open_id' ? '' : issued.userId
    }
    if (issued.idMode !== 'user_id') node.open_id = issued.openId
    if (issued.unionId) node.union_id = issued.unionId
    Object.assign(node, {
      access_token: 'authusrB' + crypto.randomBytes(16).toString('hex'),
      expires_in: '1296000',
      refresh_token: 'authusrB' + crypto.randomBytes(16).toString('hex'),
      re_expires_in: '2592000',
      auth_start: alipayTimestamp(new Date(state.now()))
    })
    return node
  }

  app.route({
    method: ['GET', 'POST'],
    url: '/gateway.do',
    handler: async (req, reply) => {
      const params: Record<string, string> = {}
      for (const source of [req.query, req.body]) {
        if (source && typeof source === 'object') {
          for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
            if (typeof v === 'string') params[k] = v
          }
        }
      }
      const node = await gateway(params)
      const key = typeof node.sub_code === 'string' ? 'error_response' : OAUTH_TOKEN_RESPONSE_KEY
      reply.type('application/json;charset=utf-8')
      return signedBody(state, key, node)
    }
  })

  app.post('/__issue', async (req) => {
    const body = (req.body ?? {}) as { userId?: unknown; idMode?: unknown; unionId?: unknown }
    const idMode =
      body.idMode === 'user_id' || body.idMode === 'open_id' || body.idMode === 'both' ? body.idMode : undefined
    return state.issueCode(typeof body.userId === 'string' ? body.userId : undefined, {
      idMode,
      unionId: typeof body.unionId === 'string' ? body.unionId : undefined
    })
  })
}
