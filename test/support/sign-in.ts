/**
 * Walks the government sign-in as a browser would: the app redirects to the provider,
 * the person logs in with a demo account, the provider redirects back with a code.
 * Requests to the app go through `inject`; requests to the provider over HTTP.
 */
import type { FastifyInstance } from 'fastify'
import { agreementsParam } from '../../types/agreements'

export const APP_URL = 'http://app.test'

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

/** Follows the provider's redirects until it sends the browser back to `appUrl`; returns that URL. */
export async function loginAtProvider(authUrl: string, account: string, appUrl = APP_URL): Promise<string> {
  const password = 'demo1234'
  const jar = new CookieJar()
  let url = authUrl
  let method = 'GET'
  let body: string | undefined
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(appUrl)) return url
    const res = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }
    })
    jar.take(res)
    method = 'GET'
    body = undefined
    const location = res.headers.get('location')
    if (location) {
      url = new URL(location, url).toString()
      continue
    }
    const html = await res.text()
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
    if (!action) throw new Error(`provider answered ${res.status} without a login form: ${html.slice(0, 200)}`)
    url = new URL(action, url).toString()
    method = 'POST'
    body = new URLSearchParams({ login: account, password }).toString()
  }
  throw new Error('too many redirects at the provider')
}

export interface SignedIn {
  cookie: string
  csrfToken: string
  location: string
}

/**
 * Requests into the app as a signed-in H5 person (its cookie and CSRF token), or signed out
 * (`null`): `call` gives the response; `json` expects a success and gives its body. `app` is
 * read at each request (test servers start in beforeAll).
 */
export function requestsAs(app: () => FastifyInstance) {
  const call = (as: SignedIn | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app().inject({
      method,
      url,
      headers: as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {},
      ...(payload === undefined ? {} : { payload: payload as object })
    })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the body it expects
  const json = async <T = any>(as: SignedIn | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<T> => {
    const res = await call(as, method, url, payload)
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`)
    return res.json() as T
  }
  return { call, json }
}

/** The cookies a sign-in start set in the browser, to bring back to the callback as that browser would. */
export function startCookies(start: { cookies: Array<{ name: string; value: string }> }): Record<string, string> {
  return Object.fromEntries(start.cookies.map((c) => [c.name, c.value]))
}

/** Full H5 sign-in; returns the cookies to send and the CSRF token. */
export async function signInH5(app: FastifyInstance, account: string, returnTo = ''): Promise<SignedIn> {
  const start = await app.inject({ url: `/api/auth/oidc/start?client=h5&returnTo=${encodeURIComponent(returnTo)}&agree=${agreementsParam()}` })
  if (start.statusCode !== 302) throw new Error(`start answered ${start.statusCode}: ${start.body}`)
  const back = await loginAtProvider(String(start.headers.location), account)
  const cb = await app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
  if (cb.statusCode !== 302) throw new Error(`callback answered ${cb.statusCode}: ${cb.body}`)
  const cookies = cb.cookies as Array<{ name: string; value: string }>
  const sid = cookies.find((c) => c.name === 'sid')!.value
  const csrf = cookies.find((c) => c.name === 'csrf_token')!.value
  return { cookie: `sid=${sid}; csrf_token=${csrf}`, csrfToken: csrf, location: String(cb.headers.location) }
}

/** Mini-program sign-in through the web-view hand-off; returns the bearer token. */
export async function signInMiniProgram(app: FastifyInstance, account: string): Promise<string> {
  const start = await app.inject({ url: `/api/auth/oidc/start?client=mp&agree=${agreementsParam()}` })
  const back = await loginAtProvider(String(start.headers.location), account)
  const cb = await app.inject({ url: back.slice(APP_URL.length), cookies: startCookies(start) })
  const code = decodeURIComponent(/handoff=([^"&]+)/.exec(cb.body)![1])
  const res = await app.inject({ method: 'POST', url: '/api/auth/handoff', payload: { code } })
  if (res.statusCode !== 200) throw new Error(`handoff answered ${res.statusCode}: ${res.body}`)
  return res.json().token
}
