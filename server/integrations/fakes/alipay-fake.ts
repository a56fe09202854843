/**
 * Local fake of the Alipay OpenAPI gateway for alipay.system.oauth.token and
 * alipay.open.app.mini.templatemessage.send (platform-apis.md §4b, §4c, §4d), as a Fastify plugin.
 * Mount in development: app.register(alipayFake, { prefix: '/__fakes/alipay', state })
 * Routes: POST (or GET) /gateway.do, POST /__issue {userId?, idMode?} → {code, userId, openId},
 *   POST /__subscribe {userId, templateId}, GET /__messages → the messages delivered so far.
 * Never mount it in production: /__issue hands out auth codes for any user.
 */
import crypto from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import {
  OAUTH_TOKEN_METHOD,
  OAUTH_TOKEN_RESPONSE_KEY,
  TEMPLATE_MESSAGE_METHOD,
  alipaySignString,
  rsa2Sign,
  rsa2Verify
} from '../alipay'
import { gatewayTimestamp } from '../../../types/time'
import { subscriptionRoutes } from './serve'

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
  /** Subscription templates by id (default: any id, one-time). */
  templates?: Record<string, { longTerm: boolean }>
  /** A message needs a consent (`grant`), as with my.requestSubscribeMessage. Off by default. */
  requireConsent?: boolean
}

/** A template message the fake accepted: biz_content, with `data` parsed. */
export interface AlipayDeliveredMessage {
  /** The recipient as addressed: one of the two. */
  to_user_id?: string
  to_open_id?: string
  /** The user the message reached (the user id behind an open_id). */
  userId: string
  user_template_id: string
  page?: string
  data: Record<string, { value: string }>
  at: number
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
  /** What my.requestSubscribeMessage 'accept' does on Alipay's side (the user by user id or open id). */
  grant(userId: string, templateId: string): void
  /** Messages delivered, in order. */
  readonly messages: AlipayDeliveredMessage[]
  /** Template message calls received. */
  readonly counts: { send: number }
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
  readonly templates?: Record<string, { longTerm: boolean }>
  readonly requireConsent: boolean
  /** `${userId}\u0000${templateId}` → grants left (Infinity: long-term) */
  readonly grants: Map<string, number>
  /** open_id → user id, for the users the fake has issued codes to. */
  readonly openIds: Map<string, string>
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
    templates: config.templates,
    requireConsent: config.requireConsent ?? false,
    grants: new Map(),
    openIds: new Map(),
    messages: [],
    counts: { send: 0 },
    grant(user, templateId) {
      const key = `${state.openIds.get(user) ?? user}\u0000${templateId}`
      state.grants.set(key, config.templates?.[templateId]?.longTerm ? Infinity : (state.grants.get(key) ?? 0) + 1)
    },
    issueCode(userId, opts = {}) {
      const uid = userId || randomAlipayUserId()
      const code = crypto.randomBytes(16).toString('hex')
      const openId = openIdFor(config.appId, uid)
      state.openIds.set(openId, uid)
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

function errorNode(code: '20000' | '40001' | '40002' | '40004', subCode: string, subMsg: string) {
  const msg = {
    '20000': 'Service Currently Unavailable',
    '40001': 'Missing Required Arguments',
    '40002': 'Invalid Arguments',
    '40004': 'Business Failed'
  }[code]
  return { code, msg, sub_code: subCode, sub_msg: subMsg }
}

const responseKey = (method: string) => method.replace(/\./g, '_') + '_response'

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

  /** Checks common to every method (§4c); an error node, or null when the call may proceed. */
  const common = (params: Record<string, string>): Record<string, unknown> | null => {
    for (const [name, subCode] of REQUIRED) {
      if (!params[name]) return errorNode('40001', subCode, `缺少参数 ${name}`)
    }
    if (params.app_id !== state.appId) return errorNode('40002', 'isv.invalid-app-id', '无效的AppID参数')
    if (params.method !== OAUTH_TOKEN_METHOD && params.method !== TEMPLATE_MESSAGE_METHOD) {
      return errorNode('40002', 'isv.invalid-method', '不存在的方法名')
    }
    if (params.sign_type !== 'RSA2') return errorNode('40002', 'isv.invalid-signature-type', '无效的签名类型')
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(params.timestamp)) {
      return errorNode('40002', 'isv.invalid-timestamp', '非法的时间戳参数')
    }
    if (!rsa2Verify(alipaySignString(params), params.sign, state.appPublicKey)) {
      return errorNode('40002', 'isv.invalid-signature', '验签出错')
    }
    return null
  }

  const oauthToken = (params: Record<string, string>): Record<string, unknown> => {
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
      auth_start: gatewayTimestamp(state.now())
    })
    return node
  }

  /**
   * §4d. The recipient is `to_user_id` (2088…) or `to_open_id` (the user's open id for this app,
   * as the official SDK's model of this API has it); the fake takes exactly one, and an open id
   * only when it issued it. Only USER_KEYWORD_LENGTH_ERROR is documented for this API; the fake's
   * other sub_codes (INVALID_PARAMETER, USER_TEMPLATE_ILLEGAL, USER_NOT_SUBSCRIBED) are its own.
   */
  const templateMessage = (params: Record<string, string>): Record<string, unknown> => {
    state.counts.send++
    let biz: Record<string, unknown>
    let data: Record<string, { value?: unknown }>
    try {
      biz = JSON.parse(params.biz_content ?? '')
      data = JSON.parse(String(biz.data ?? ''))
    } catch {
      return errorNode('40004', 'INVALID_PARAMETER', 'biz_content 或 data 不是有效的 JSON')
    }
    const byUserId = typeof biz.to_user_id === 'string' && biz.to_user_id !== '' ? biz.to_user_id : undefined
    const byOpenId = typeof biz.to_open_id === 'string' && biz.to_open_id !== '' ? biz.to_open_id : undefined
    const template = biz.user_template_id
    if ((byUserId === undefined) === (byOpenId === undefined) || typeof template !== 'string' || !template) {
      return errorNode('40004', 'INVALID_PARAMETER', '须且只能传 to_user_id 或 to_open_id 之一，并传 user_template_id')
    }
    const to = byUserId ?? state.openIds.get(byOpenId!)
    if (to === undefined) return errorNode('40004', 'INVALID_PARAMETER', 'to_open_id 不是本应用下的用户标识')
    if (state.templates && !state.templates[template]) return errorNode('40004', 'USER_TEMPLATE_ILLEGAL', '模板不存在')
    for (const entry of Object.values(data)) {
      if (typeof entry?.value !== 'string' || Array.from(entry.value).length > 50) {
        return errorNode('40004', 'USER_KEYWORD_LENGTH_ERROR', '关键词内容长度超过限制')
      }
    }
    if (state.requireConsent) {
      const key = `${to}\u0000${template}`
      const left = state.grants.get(key) ?? 0
      if (left <= 0) return errorNode('40004', 'USER_NOT_SUBSCRIBED', '用户未订阅该模板')
      state.grants.set(key, left - 1)
    }
    state.messages.push({
      ...(byUserId !== undefined ? { to_user_id: byUserId } : { to_open_id: byOpenId }),
      userId: to,
      user_template_id: template,
      page: typeof biz.page === 'string' ? biz.page : undefined,
      data: data as Record<string, { value: string }>,
      at: state.now()
    })
    return { code: '10000', msg: 'Success' }
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
      reply.type('application/json;charset=utf-8')
      const refused = common(params)
      if (refused) return signedBody(state, 'error_response', refused)
      if (params.method === OAUTH_TOKEN_METHOD) {
        const node = oauthToken(params)
        return signedBody(state, typeof node.sub_code === 'string' ? 'error_response' : OAUTH_TOKEN_RESPONSE_KEY, node)
      }
      // business errors of this API come in its own response node, with code 40004
      return signedBody(state, responseKey(TEMPLATE_MESSAGE_METHOD), templateMessage(params))
    }
  })

  subscriptionRoutes(app, state, 'userId')

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
