/**
 * Walks the mini-program sign-in as the web-view would, over real HTTP: our server's
 * /api/auth/oidc/start → the local government identity provider's login form (demo account)
 * → back to our callback, whose page carries the one-time hand-off code. The app itself then
 * trades the code for a token (SignInScreen with ?handoff=).
 */
import { loginAtProvider } from '../../support/sign-in'
import { API } from './server'

export async function handoffCodeFor(account: string): Promise<string> {
  const start = await fetch(`${API}/api/auth/oidc/start?client=mp`, { redirect: 'manual' })
  const authUrl = start.headers.get('location')
  if (!authUrl) throw new Error(`start answered ${start.status} without a redirect`)
  const callback = await fetch(await loginAtProvider(authUrl, account, API), { redirect: 'manual' })
  const html = await callback.text()
  const code = /handoff=([^"&\\]+)/.exec(html)?.[1]
  if (!code) throw new Error(`callback answered ${callback.status} without a hand-off code: ${html.slice(0, 300)}`)
  return decodeURIComponent(code)
}
