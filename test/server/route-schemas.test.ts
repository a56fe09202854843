/**
 * Every route states its response as a schema (server/schemas), and the serialiser, which
 * writes only what a response schema names, drops nothing the app reads: the records the
 * domain returns come out of the routes whole.
 */
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyPluginAsync, type RouteOptions } from 'fastify'
import { getCampaign, listCampaigns } from '../../server/campaigns'
import type { Deps } from '../../server/deps'
import { getMe } from '../../server/users'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { signInH5 } from '../support/sign-in'

const ROUTES_DIR = path.join(__dirname, '../../server/routes')

/** The route plugins of every file in server/routes (a new file is walked without being listed here). */
function routePlugins(): Array<[string, FastifyPluginAsync<{ deps: Deps }>]> {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- every file of server/routes, found when the test runs
      Object.entries(require(path.join(ROUTES_DIR, f)) as Record<string, unknown>)
        .filter(([name, value]) => name.endsWith('Routes') && typeof value === 'function')
        .map(([name, value]) => [`${f}:${name}`, value as FastifyPluginAsync<{ deps: Deps }>] as [string, FastifyPluginAsync<{ deps: Deps }>])
    )
}

describe('route schemas', () => {
  it('every route of server/routes has a response schema for success and for the error shape', async () => {
    const app = Fastify()
    const routes: RouteOptions[] = []
    app.addHook('onRoute', (route) => void routes.push(route))
    // the plugins only read deps when a request comes
    const deps = { config: {}, db: {}, clock: () => 0 } as unknown as Deps
    const plugins = routePlugins()
    expect(plugins.map(([name]) => name)).toEqual(expect.arrayContaining(['auth.ts:authRoutes', 'demands.ts:demandRoutes', 'studio.ts:studioRoutes']))
    for (const [, plugin] of plugins) await app.register(plugin, { deps })
    await app.ready()

    const own = routes.filter((r) => r.method !== 'HEAD')
    expect(own.length).toBeGreaterThanOrEqual(49)
    const missing = own
      .filter((r) => {
        const response = (r.schema?.response ?? {}) as Record<string, unknown>
        const success = Object.keys(response).some((code) => /^2\d\d$/.test(code))
        return !success || !response['4xx'] || !response['5xx']
      })
      .map((r) => `${String(r.method)} ${r.url}`)
    expect(missing).toEqual([])
    await app.close()
  })

  describe('responses keep every field of the records the app reads', () => {
    let s: TestServer
    beforeAll(async () => {
      s = await startTestServer()
    })
    afterAll(() => s.close())

    /** What the domain returned, as JSON would carry it whole. */
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value))

    it('the campaign list and a campaign with its definition', async () => {
      const list = await s.app.inject({ url: '/api/campaigns' })
      const campaigns = await listCampaigns(s.db, s.clock.now)
      expect(campaigns.length).toBeGreaterThan(0)
      expect(list.json()).toEqual({ campaigns: asJson(campaigns) })

      const id = campaigns[0].id
      const detail = await s.app.inject({ url: `/api/campaigns/${id}` })
      expect(detail.json()).toEqual(asJson(await getCampaign(s.db, id, s.clock.now)))
      expect(Object.keys(detail.json().definition)).toEqual(expect.arrayContaining(['steps', 'recommenders', 'deadlines']))
    })

    it('who is signed in, with the CSRF token of an H5 session', async () => {
      const who = await signInH5(s.app, 'ent-zhixin')
      const me = await s.app.inject({ url: '/api/auth/me', headers: { cookie: who.cookie } })
      expect(me.statusCode).toBe(200)
      const body = me.json()
      expect(body).toEqual({ ...asJson(await getMe(s.db, body.user.id)), csrfToken: who.csrfToken })
    })

    it('the profile, and an error keeps what it adds for the client (a version conflict’s current copy)', async () => {
      const who = await signInH5(s.app, 'ent-zhixin')
      const headers = { cookie: who.cookie, 'x-csrf-token': who.csrfToken }
      const profile = await s.app.inject({ method: 'PUT', url: '/api/profile', headers, payload: DEMO_PROFILES['ent-zhixin'] })
      expect(profile.json()).toEqual(DEMO_PROFILES['ent-zhixin'])
      const created = await s.app.inject({ method: 'POST', url: '/api/campaigns/cq-2026-key-areas/demands', headers })
      expect([created.statusCode, created.statusCode === 201 ? '' : created.body]).toEqual([201, ''])
      const demand = created.json()
      const stale = await s.app.inject({
        method: 'PUT',
        url: `/api/demands/${demand.id}/draft`,
        headers,
        payload: { baseVersion: demand.version + 5, answers: {}, currentStep: demand.currentStep }
      })
      expect(stale.statusCode).toBe(409)
      expect(stale.json()).toEqual({ code: 'VERSION_CONFLICT', message: expect.any(String), current: demand })
    })
  })
})
