/**
 * Government sign-in is a port: provinces differ (standard OpenID Connect where offered,
 * ticket SSO elsewhere). The server asks the port for a redirect and, on the callback,
 * for the verified identity. This file holds the OpenID Connect adapter
 * (authorization code + PKCE, state and nonce checked by openid-client).
 */
import { Issuer, generators, type BaseClient } from 'openid-client'
import type { Role, UnitType } from '../../types/domain'
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

const ROLES: Role[] = ['enterprise', 'recommender', 'bureau']

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
      const role = ROLES.includes(claims.role as Role) ? (claims.role as Role) : 'enterprise'
      const text = (key: string) => (typeof claims[key] === 'string' && claims[key] ? (claims[key] as string) : undefined)
      return {
        issuer: c.issuer.metadata.issuer,
        subject: String(claims.sub),
        role,
        displayName: text('name') ?? text('enterprise_name') ?? '政务服务用户',
        enterpriseName: text('enterprise_name'),
        creditCode: text('credit_code'),
        unitType: text('unit_type') as UnitType | undefined,
        recommenderUnit: text('recommender_unit')
      }
    }
  }
}
