/**
 * Government sign-in is a port: provinces differ (standard OpenID Connect where offered,
 * ticket SSO elsewhere). The server asks the port for a redirect and, on the callback,
 * for the verified identity. This file holds the OpenID Connect adapter
 * (authorization code + PKCE, state and nonce checked by openid-client).
 */
import { Issuer, generators, type BaseClient } from 'openid-client'
import { checkCreditCode } from '../../types/credit-code'
import { UNIT_TYPES, type Role, type UnitType } from '../../types/domain'
import { AppError } from '../errors'

export interface GovIdentity {
  issuer: string
  subject: string
  role: Role
  displayName: string
  enterpriseName?: string
  creditCode?: string
  unitType?: UnitType
  recommenderUnit?: string
  /** The bureau a recommending unit's account serves (the bureau itself for a bureau account). */
  recommenderIssuer?: string
}

export interface PendingSignIn {
  state: string
  nonce: string
  codeVerifier: string
}

export interface GovLogin {
  /** Where to send the browser, and what to keep until the callback. */
  begin(): Promise<{ url: string; pending: PendingSignIn }>
  /** Verifies the callback (state, nonce, PKCE, signatures) and returns who signed in. */
  complete(callbackUrl: string, pending: PendingSignIn): Promise<GovIdentity>
  /** The `state` of a callback URL, to find its pending sign-in. */
  stateOf(callbackUrl: string): string | undefined
}

export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUri: string
}

/** Roles a provider may grant by claim; the enterprise role comes from a legal-person identity only. */
const STAFF_ROLES: Role[] = ['recommender', 'bureau']
const NATURAL_PERSON = ['natural_person', '个人']

/**
 * Who signed in, from the provider's verified claims. Recommending units and the bureau are
 * named by a role claim. Everyone else files for an enterprise, and only a legal-person (法人)
 * identity may: one the provider does not mark as a natural person, carrying the unit's name
 * and a well-formed credit code. That name and code are the profile's, read-only.
 */
function identityFromClaims(issuer: string, claims: Record<string, unknown>): GovIdentity {
  const text = (key: string) => (typeof claims[key] === 'string' && claims[key] ? (claims[key] as string).trim() : undefined)
  const common = { issuer, subject: String(claims.sub), displayName: text('name') ?? text('enterprise_name') ?? '政务服务用户' }
  const staffRole = STAFF_ROLES.find((r) => r === claims.role)
  if (staffRole) {
    const recommenderUnit = text('recommender_unit')
    return { ...common, role: staffRole, recommenderUnit, recommenderIssuer: staffRole === 'bureau' ? recommenderUnit : text('recommender_issuer') }
  }

  if (NATURAL_PERSON.includes(text('user_type') ?? '')) {
    throw new AppError(403, 'LEGAL_PERSON_REQUIRED', '需求须以单位身份填报：您登录的是个人账号，请在政务服务网切换为法人（单位）账号后重新登录。')
  }
  const enterpriseName = text('enterprise_name')
  const creditCode = text('credit_code')?.toUpperCase()
  if (!enterpriseName || !creditCode || checkCreditCode(creditCode)) {
    throw new AppError(
      403,
      'LEGAL_PERSON_REQUIRED',
      '政务服务账号没有提供有效的单位名称和统一社会信用代码，不能以单位身份填报。请使用法人（单位）账号登录，或到政务服务网核实单位信息。'
    )
  }
  return { ...common, role: 'enterprise', enterpriseName, creditCode, unitType: UNIT_TYPES.find((t) => t === claims.unit_type) }
}

export function createOidcLogin(settings: OidcSettings): GovLogin {
  let client: Promise<BaseClient> | null = null
  // Discover lazily and retry after a failure, so the server starts while the provider is down.
  const getClient = () => {
    client ??= Issuer.discover(settings.issuer)
      .then(
        (issuer) =>
          new issuer.Client({
            client_id: settings.clientId,
            client_secret: settings.clientSecret,
            redirect_uris: [settings.redirectUri],
            response_types: ['code']
          })
      )
      .catch((err) => {
        client = null
        throw new AppError(503, 'IDP_UNAVAILABLE', '政务服务账号登录暂时不可用，请稍后重试', undefined, err)
      })
    return client
  }

  return {
    async begin() {
      const c = await getClient()
      const pending = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() }
      const url = c.authorizationUrl({
        scope: 'openid profile enterprise',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: generators.codeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256'
      })
      return { url, pending }
    },
    stateOf(callbackUrl) {
      return new URL(callbackUrl, 'http://x').searchParams.get('state') ?? undefined
    },
    async complete(callbackUrl, pending) {
      const c = await getClient()
      const params = c.callbackParams(callbackUrl)
      let claims: Record<string, unknown>
      try {
        const tokens = await c.callback(settings.redirectUri, params, {
          state: pending.state,
          nonce: pending.nonce,
          code_verifier: pending.codeVerifier
        })
        claims = { ...tokens.claims(), ...(await c.userinfo(tokens)) }
      } catch (err) {
        throw new AppError(400, 'SIGN_IN_FAILED', '登录校验未通过，请重新登录', undefined, err)
      }
      return identityFromClaims(c.issuer.metadata.issuer, claims)
    }
  }
}
