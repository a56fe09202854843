/**
 * The local government identity provider (oidc-provider, ESM) in a child process,
 * as a real provider would be: its own process, reached over HTTP.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { freePort, retryWhilePortTaken } from './ports'

export interface RunningIdp {
  issuer: string
  clientId: string
  clientSecret: string
  close(): Promise<void>
}

export function startIdp(redirectUris: string[]): Promise<RunningIdp> {
  return retryWhilePortTaken(() => startIdpOnce(redirectUris))
}

async function startIdpOnce(redirectUris: string[]): Promise<RunningIdp> {
  const port = await freePort()
  const issuer = `http://localhost:${port}`
  const clientId = 'test-client'
  const clientSecret = 'test-secret-' + port
  const child = spawn(process.execPath, [path.join(__dirname, '../../server/dev-idp/main.mjs')], {
    env: {
      ...process.env,
      DEV_IDP_PORT: String(port),
      DEV_IDP_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URIS: redirectUris.join(','),
      DEV_IDP_EXTRA_ACCOUNTS: path.join(__dirname, 'idp-accounts.json')
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`)
      if (res.ok) break
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('dev identity provider did not start: ' + stderr)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill()
      })
  }
}

/** The provider the server project's globalSetup started for all its test files. */
export function sharedIdp(): Pick<RunningIdp, 'issuer' | 'clientId' | 'clientSecret'> {
  if (!process.env.TEST_IDP) throw new Error('no shared identity provider: the server project’s globalSetup starts it')
  return JSON.parse(process.env.TEST_IDP)
}
