import type { RunningIdp } from '../../support/idp'

export default async function globalTeardown() {
  await (globalThis as { __SERVER_TEST_IDP__?: RunningIdp }).__SERVER_TEST_IDP__?.close()
}
