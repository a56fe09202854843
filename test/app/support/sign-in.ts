/**
 * Walks the mini-program sign-in as the web-view would, over real HTTP: our server's
 * /api/auth/oidc/start → the local government identity provider's login form (demo account)
 * → back to our callback, whose page carries the one-time hand-off code. The app itself then
 * trades the code for a token (SignInScreen with ?handoff=).
 */
import { API } from './server'

class CookieJar {
  private cookies = new Map<string, string>()
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1))
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

export async function handoffCodeFor(account: string, password = 'demo1234'): Promise<string> {
  const start = await fetch(`${API}/api/auth/oidc/start?client=mp`, { redirect: 'manual' })
  let url: string | null = start.headers.get('location')
  if (!url) throw new Error(`start answered ${start.status} without a redirect`)
  const jar = new CookieJar()
  let method = 'GET'
  let body: string | undefined
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(API)) {
      const callback = await fetch(url, { redirect: 'manual' })
      const html = await callback.text()
      const code = /handoff=([^"&\\]+)/.exec(html)?.[1]
      if (!code) throw new Error(`callback answered ${callback.status} without a hand-off code: ${html.slice(0, 300)}`)
      return decodeURIComponent(code)
    }
    const res: Response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }
    })
    jar.take(res)
    method = 'GET'
    body = undefined
    const location: string | null = res.headers.get('location')
    if (location) {
      url = new URL(location, url).toString()
      continue
    }
    const html: string = await res.text()
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
    if (!action) throw new Error(`provider answered ${res.status} without a login form: ${html.slice(0, 300)}`)
    url = new URL(action, url).toString()
    method = 'POST'
    body = new URLSearchParams({ login: account, password }).toString()
  }
  throw new Error('too many redirects at the identity provider')
}
