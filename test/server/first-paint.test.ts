import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import { campaignHref, createIndexRenderer, EMBEDDED_ID, renderCampaignPageSnapshot, renderCampaignSnapshot } from '../../server/first-paint'
import type { CampaignDetail, CampaignSummary } from '../../types/domain'
import { startTestServer } from '../support/app'

const campaign: CampaignSummary = {
  id: 'x',
  title: '<script>alert(1)</script>征集',
  issuer: '重庆市科学技术局',
  tagline: '一句话说明',
  isDemo: true,
  status: 'open',
  opensAt: null,
  enterpriseDeadlineAt: '2025-07-20T16:00:00.000Z',
  recommenderDeadlineAt: '2025-07-25T16:00:00.000Z'
}

/** A campaign's page as the snapshot reads it. */
const detail = { ...campaign, definition: { summary: '第一段<b>。\n\n第二段。' } } as unknown as CampaignDetail

/** The JSON the page embeds for the app (EMBEDDED_ID), parsed; null when it has none. */
function embedded(html: string): unknown {
  const block = new RegExp(`<script type="application/json" id="${EMBEDDED_ID}">([^<]*)</script>`).exec(html)
  return block && JSON.parse(block[1])
}

describe('first paint of the H5 campaign list', () => {
  const now = Date.parse('2025-07-08T10:00:00+08:00')

  it('renders each campaign with status, countdown and deadline, as text', () => {
    const html = renderCampaignSnapshot([campaign, { ...campaign, id: 'y', status: 'closed', isDemo: false }], now)
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;征集')
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('剩 12 天 14 小时')
    expect(html).toContain('填报截止 2025年7月20日 24:00')
    expect(html.match(/class="fp-card /g)).toHaveLength(2)
    expect(html.match(/fp-count/g)).toHaveLength(1) // a closed campaign shows no countdown
  })

  it('injects the snapshot and its CSS into the built index.html', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<html><head><title>t</title><script defer src="/js/app.js"></script><link href="/css/app.css" rel="stylesheet"></head><body><div id="app"></div></body></html>'
    )
    const html = createIndexRenderer(dir)([campaign], now)
    // then, before the app, the early requests: the app's scripts preloaded
    expect(html).toMatch(/<style>#first-paint\{.*<\/style><script>.*\["\/js\/app.js"\]\.concat\(.*rel='preload'.*<\/script><\/head>/s)
    // the app's stylesheet no longer holds back the snapshot's paint: it comes after it
    expect(html).toMatch(
      /<div id="first-paint" data-route="pages\/index\/index">.*<\/div><script>.*<\/script><script type="application\/json" id="campaigns-data">.*<\/script><div id="app"><\/div><link href="\/css\/app.css" rel="stylesheet"><script>.*<\/script><\/body>/s
    )
    // the app's scripts are fetched once the snapshot is painted, in their order, not as deferred scripts of <head>
    expect(html).not.toMatch(/<script defer/)
    expect(html).toMatch(/<link href="\/css\/app.css" rel="stylesheet"><script>requestAnimationFrame\(.*\["\/js\/app.js"\]\.forEach\(.*e\.async=false.*<\/script><\/body>/s)
    fs.rmSync(dir, { recursive: true })
  })

  it("makes each card a link to the campaign's page, at its route's own path, working before any script runs", () => {
    const html = renderCampaignSnapshot([campaign, { ...campaign, id: 'a b&c' }], now)
    const links = [...html.matchAll(/<a class="fp-card[^"]*" href="([^"]+)"/g)].map((m) => m[1])
    expect(links).toEqual(['/pages/campaign/index?id=x', '/pages/campaign/index?id=a%20b%26c'])
    expect(campaignHref('x')).toBe('/pages/campaign/index?id=x') // = src/services/navigation ROUTES.campaign
    // the tab bar has its place from the first paint, the list tab current
    expect(html).toMatch(/<div class="fp-tabbar" aria-hidden="true"><div><span class="on">.*征集活动.*消息.*我的.*<\/div><\/div>/s)
    // the snapshot names its route; a tap before the app runs changes the route: the guard then puts the loading frame in its place
    expect(html).toMatch(/^<div id="first-paint" data-route="pages\/index\/index">/)
    expect(html).toMatch(/<script>.*addEventListener\('hashchange'.*<\/script>$/s)
  })

  it("renders a campaign's page at that path: header, both deadlines and the whole summary, as text", () => {
    const html = renderCampaignPageSnapshot(detail, now)
    expect(html).toMatch(/^<div id="first-paint" data-route="pages\/campaign\/index\?id=x">/)
    expect(html).toContain('<h1>&#60;script&#62;alert(1)&#60;/script&#62;征集</h1>')
    expect(html).toContain('<b>2025年7月20日 24:00</b><i class="">剩 12 天 14 小时</i>')
    expect(html).toContain('<b>2025年7月25日 24:00</b><i class="closed">推荐单位在此前完成推荐</i>')
    expect(html).toContain('<p>第一段&#60;b&#62;。</p><p>第二段。</p>')
    expect(html).toContain('<span class="fp-tag demo">演示</span>')
  })

  it('embeds the list, or a campaign on its page, and the server clock as JSON that is not run, so the app does not fetch them again', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head></head><body><div id="app"></div></body></html>')
    const hostile = { ...campaign, tagline: '</script><script>alert(1)</script>\u2028' }
    const render = createIndexRenderer(dir)
    const html = render([hostile], now)
    expect(embedded(html)).toEqual({ campaigns: [hostile], now })
    expect(html).not.toContain('<script>alert(1)')
    // a campaign's page: that campaign
    const page = render.campaign({ ...detail, tagline: hostile.tagline }, now)
    fs.rmSync(dir, { recursive: true })
    expect(embedded(page)).toEqual({ campaign: { ...detail, tagline: hostile.tagline }, now })
    expect(page).not.toContain('<script>alert(1)')
  })

  it("asks at once for what the page's route waits on: on a wizard step its GETs, then the app's scripts and the route's own", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>')
    const wizard = ['/js/w1.js', '/css/w.css']
    fs.writeFileSync(path.join(dir, 'route-assets.json'), JSON.stringify({ 'packages/demand/pages/wizard/index': wizard, 'pages/campaign/index': ['/js/c.js'] }))
    /** Runs the page's first script as a browser at `address` would, with `answers` for its GETs. */
    const open = async (address: string, answers: Record<string, { status: number; body: unknown }> = {}) => {
      const html = createIndexRenderer(dir)([campaign], now)
      const early = /<\/style><script>([\s\S]*?)<\/script><\/head>/.exec(html)![1]
      const url = new URL(address, 'http://phone')
      const preloads: string[] = []
      const asked: string[] = []
      const window: { __earlyAnswers?: Record<string, Promise<{ status: number; data: unknown }>> } = {}
      const fetch = (u: string) => {
        asked.push(u)
        const a = answers[u]
        return a ? Promise.resolve({ status: a.status, json: () => Promise.resolve(a.body) }) : Promise.reject(new TypeError('offline'))
      }
      const document = { createElement: () => ({}), head: { appendChild: (l: { rel: string; as: string; href: string }) => preloads.push(`${l.rel} ${l.as} ${l.href}`) } }
      const location = { pathname: url.pathname, search: url.search, hash: url.hash }
      const history = { state: null, replaceState: (_: unknown, __: string, to: string) => Object.assign(location, { pathname: '/', search: '', hash: new URL(to, url).hash }) }
      vm.runInNewContext(early, { location, history, document, window, fetch, URLSearchParams })
      await new Promise((resolve) => setTimeout(resolve, 10))
      return { preloads, asked, answers: window.__earlyAnswers, hash: location.hash }
    }
    try {
      const cold = await open('/#/packages/demand/pages/wizard/index?id=d%201&step=s2', {
        '/api/auth/me': { status: 200, body: { id: 'u' } },
        '/api/demands/d%201': { status: 200, body: { id: 'd 1', campaignId: 'c/1' } },
        '/api/campaigns/c%2F1': { status: 200, body: { id: 'c/1' } }
      })
      expect(cold.asked).toEqual(['/api/auth/me', '/api/demands/d%201', '/api/campaigns/c%2F1'])
      expect(cold.preloads).toEqual(['preload script /js/app.js', 'preload script /js/w1.js', 'preload style /css/w.css'])
      expect(await cold.answers!['/api/demands/d%201']).toEqual({ status: 200, data: { id: 'd 1', campaignId: 'c/1' } })
      // a refused or failed demand: no campaign asked, nothing thrown (the app asks again and says why)
      expect((await open('/#/packages/demand/pages/wizard/index?id=x', { '/api/demands/x': { status: 404, body: { code: 'NOT_FOUND' } } })).asked).toEqual(['/api/auth/me', '/api/demands/x'])
      expect((await open('/#/packages/demand/pages/wizard/index?id=x')).asked).toEqual(['/api/auth/me', '/api/demands/x'])
      // a campaign's path (a card's link): the hash route it names, its page's files, no GETs
      const card = await open('/pages/campaign/index?id=x')
      expect([card.preloads, card.asked, card.answers]).toEqual([['preload script /js/app.js', 'preload script /js/c.js'], [], undefined])
      expect(card.hash).toBe('#/pages/campaign/index?id=x') // the app's hash route, before the app reads it
      // the list, or a build without a readable table: the app's scripts only
      expect((await open('/')).preloads).toEqual(['preload script /js/app.js'])
      fs.writeFileSync(path.join(dir, 'route-assets.json'), '{not json')
      expect((await open('/#/packages/demand/pages/wizard/index?id=x')).preloads).toEqual(['preload script /js/app.js'])
    } finally {
      fs.rmSync(dir, { recursive: true })
    }
  })

  it("answers a campaign's path with its page's snapshot (the card's link), and an unknown one with 404 and the app alone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head></head><body><div id="app"></div><script defer src="/js/app.js"></script></body></html>')
    const s = await startTestServer({ env: { H5_DIR: dir } })
    try {
      const { campaigns: list } = JSON.parse((await s.app.inject({ method: 'GET', url: '/api/campaigns' })).body) as { campaigns: CampaignSummary[] }
      expect(list.length).toBeGreaterThan(0)
      const res = await s.app.inject({ method: 'GET', url: campaignHref(list[0].id) })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.body).toContain(`data-route="pages/campaign/index?id=${encodeURIComponent(list[0].id)}"`)
      expect(res.body).toContain('通知摘要')
      expect(res.body).toMatch(/<div id="app"><\/div><script>requestAnimationFrame\(.*\["\/js\/app.js"\].*<\/script><\/body>/s)
      // the campaign for the app, exactly as GET /api/campaigns/:id answers it, and the server's clock
      const api = JSON.parse((await s.app.inject({ method: 'GET', url: `/api/campaigns/${encodeURIComponent(list[0].id)}` })).body) as CampaignDetail
      expect(embedded(res.body)).toEqual({ campaign: api, now: s.clock.now })
      const missing = await s.app.inject({ method: 'GET', url: campaignHref('no-such-campaign') })
      expect(missing.statusCode).toBe(404)
      expect(missing.body).not.toContain('id="first-paint"')
      expect(embedded(missing.body)).toBeNull()
      expect(missing.body).toMatch(/<script>.*history\.replaceState.*<\/script><div id="app"><\/div>/s)
    } finally {
      await s.close()
      fs.rmSync(dir, { recursive: true })
    }
  })

  it('serves the page under a CSP whose scripts are its own files and its inline scripts by hash, never unsafe-inline', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    const flexible = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);'
    fs.writeFileSync(path.join(dir, 'index.html'), `<html><head><script>${flexible}</script></head><body><div id="app"></div></body></html>`)
    const s = await startTestServer({ env: { H5_DIR: dir } })
    try {
      const res = await s.app.inject({ method: 'GET', url: '/' })
      const csp = String(res.headers['content-security-policy'])
      const scriptSrc = /script-src ([^;]*)/.exec(csp)![1].split(' ')
      expect(scriptSrc).not.toContain("'unsafe-inline'")
      const inline = [...res.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])
      expect(inline).toHaveLength(3) // the build's, the early requests and the route guard
      const hashes = inline.map((js) => `'sha256-${crypto.createHash('sha256').update(js).digest('base64')}'`)
      expect(scriptSrc.sort()).toEqual(["'self'", ...hashes].sort())
      // an API answer carries the same policy: nothing there may run inline either
      const api = await s.app.inject({ method: 'GET', url: '/api/campaigns' })
      expect(/script-src ([^;]*)/.exec(String(api.headers['content-security-policy']))![1]).not.toContain('unsafe-inline')
    } finally {
      await s.close()
      fs.rmSync(dir, { recursive: true })
    }
  })
})
