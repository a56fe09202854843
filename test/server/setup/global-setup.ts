/**
 * One identity provider for every server test file: started once (its own process, reached
 * over HTTP, as a real provider is), its address handed to the test workers in the environment;
 * and one set of development Alipay keys (four RSA keys take a second of CPU to make) for every
 * test server (support/app.ts).
 */
import { devAlipayKeys } from '../../../server/integrations/fakes/alipay-fake'
import { APP_URL } from '../../support/sign-in'
import { startIdp } from '../../support/idp'

export default async function globalSetup() {
  const idp = await startIdp([`${APP_URL}/api/auth/oidc/callback`])
  Object.assign(globalThis, { __SERVER_TEST_IDP__: idp })
  process.env.TEST_IDP = JSON.stringify({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret })
  process.env.TEST_ALIPAY_KEYS = JSON.stringify(devAlipayKeys())
}
