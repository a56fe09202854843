/**
 * The H5 first screen before any JavaScript runs: index.html with a plain HTML snapshot
 * of the campaign list (at /) or of one campaign (at its page's address) and the critical CSS
 * inlined. The app removes the snapshot when its own screen is on it; an inline script
 * removes it at once when the page opens on, or moves to, another route.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { countdown, formatCountdown, formatDate, formatDeadline } from '../types/time'
import { CAMPAIGN_STATUS_LABELS, type CampaignDetail, type CampaignSummary } from '../types/domain'

/** A value as JavaScript inside an inline <script>: JSON that cannot close the element or break a line. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The snapshot is laid out exactly as the app lays out its list (src/features/campaigns,
 * src/app.scss, Taro's tab bar), in the same rem units (the build's inline script sets the
 * root font size before the body is parsed), so that the app takes over without moving a
 * pixel. It covers the viewport (fixed) while the app renders under it: its own panel
 * scrolls, and its tab bar stands where Taro's will stand.
 */
const CSS = `#first-paint{position:fixed;top:0;right:0;bottom:0;left:0;z-index:1000;display:flex;flex-direction:column;overflow:hidden;background:#f3f5f8;color:#3a414c;font-size:.75rem;line-height:1.5;font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei','Helvetica Neue',Arial,sans-serif;-webkit-font-smoothing:antialiased}
#first-paint .fp-panel{flex:1;position:relative;overflow:auto}
#first-paint .fp-page{min-height:100vh;box-sizing:border-box;padding:.6rem .6rem 1.2rem}
#first-paint .fp-intro{padding:.2rem .1rem .6rem}
#first-paint h1{display:block;margin:0;font-size:1rem;line-height:1.5;font-weight:600;color:#1f2329}
#first-paint .fp-lead{display:block;margin:.1rem 0 0;padding-right:5.6rem;font-size:.65rem;color:#5c6470}
#first-paint .fp-card{display:block;box-sizing:border-box;background:#fff;border-radius:.5rem;padding:.7rem .7rem .6rem;margin-bottom:.5rem;color:inherit;text-decoration:none;-webkit-tap-highlight-color:transparent}
#first-paint .fp-card:active{background:#f7f9fc}
#first-paint .fp-top{display:flex;align-items:center;justify-content:space-between;margin-bottom:.4rem}
#first-paint .fp-tags{display:flex;align-items:center}
#first-paint .fp-tag{display:flex;align-items:center;justify-content:center;height:14px;padding:0 2px;border:1px solid transparent;border-radius:.2rem;margin-right:.3rem;font-size:10px;background:#e6f4ec;color:#1a7546}
#first-paint .fp-tag.upcoming{background:#e8f0fb;color:#1a56a8}#first-paint .fp-tag.closed{background:#eef0f3;color:#5c6470}
#first-paint .fp-tag.demo{background:#fdf1e2;color:#a35400}
#first-paint .fp-count{font-size:.65rem;color:#1a56a8;font-weight:500;font-variant-numeric:tabular-nums}
#first-paint .fp-count.urgent{color:#a35400}
#first-paint h2{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;margin:0 0 .2rem;font-size:.8rem;line-height:1.45;font-weight:600;color:#1f2329}
#first-paint .closed h2{color:#3a414c}
#first-paint .fp-issuer{display:block;margin:0 0 .2rem;font-size:.65rem;color:#5c6470}
#first-paint .fp-tagline{display:block;margin:0;font-size:.7rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#first-paint .fp-foot{display:flex;justify-content:space-between;align-items:center;margin-top:.5rem;padding-top:.5rem;border-top:.025rem solid #e4e7ec}
#first-paint .fp-deadline{font-size:.6rem;color:#5c6470}#first-paint .fp-more{font-size:.65rem;color:#1a56a8}
#first-paint .fp-tabbar{position:relative;flex:none;height:50px;width:100%}
#first-paint .fp-tabbar div{position:absolute;bottom:0;left:0;right:0;display:flex;align-items:center;background:#fff;border-top:.5px solid #c0bfc4;box-sizing:border-box}
#first-paint .fp-tabbar span{flex:1;display:block;padding:5px 0 0;text-align:center;font-size:0}
#first-paint .fp-tabbar img,#first-paint .fp-tabbar i{display:inline-block;width:27px;height:27px}
#first-paint .fp-tabbar b{display:block;font-weight:400;font-size:10px;line-height:1.8;color:#5c6470}#first-paint .fp-tabbar .on b{color:#1a56a8}
#first-paint .fp-hero{margin:-.6rem -.6rem .6rem;padding:.8rem .8rem 1rem;background:#1a56a8;color:#fff}
#first-paint .fp-hero .fp-tags{margin-bottom:.4rem}
#first-paint .fp-hero h1{margin-bottom:.3rem;font-size:1rem;line-height:1.45;color:#fff}
#first-paint .fp-hero .fp-issuer{margin-bottom:.3rem;color:#fff;opacity:.85}
#first-paint .fp-hero .fp-tagline{white-space:normal;font-size:.7rem;opacity:.95}
#first-paint .fp-box{background:#fff;border-radius:.5rem;padding:.7rem;margin:0 0 .5rem}
#first-paint .fp-deadlines{padding-top:.2rem;padding-bottom:.2rem}
#first-paint .fp-deadlines div{display:flex;align-items:flex-start;padding:.5rem 0}
#first-paint .fp-deadlines div+div{border-top:.025rem solid #e4e7ec}
#first-paint dt{flex:none;width:3.4rem;font-size:.7rem;line-height:1.1rem;color:#5c6470}
#first-paint dd{flex:1;margin:0;font-size:.65rem;color:#5c6470}
#first-paint dd b{display:block;font-size:.75rem;line-height:1.1rem;font-weight:600;color:#1f2329}
#first-paint dd i{display:block;margin-top:.1rem;font-style:normal;color:#1a56a8}#first-paint dd i.urgent{color:#a35400}#first-paint dd i.closed{color:#5c6470}
#first-paint .fp-box h2{margin:0;font-size:.8rem;line-height:1.5}
#first-paint .fp-box p{margin:0 0 .4rem;font-size:.7rem;line-height:1.75}
#first-paint .fp-box p:last-child{margin-bottom:0}
#first-paint .fp-wait{margin:0 0 .5rem;padding:0 .1rem;font-size:.65rem;color:#5c6470}
#first-paint .fp-skel{padding:.8rem .7rem}
#first-paint .fp-skel i{display:block;height:1rem;border-radius:.2rem;background:#e9ecf1;animation:fp-pulse 1.6s ease-in-out infinite}
#first-paint .fp-skel i+i{margin-top:.5rem}#first-paint .fp-skel i.s{width:60%}
@keyframes fp-pulse{50%{opacity:.45}}@media (prefers-reduced-motion:reduce){#first-paint .fp-skel i{animation:none}}`

const DAY_MS = 86_400_000
/** The H5 routes of the list and of a campaign (src/services/navigation ROUTES.home, ROUTES.campaign). */
const LIST_ROUTE = 'pages/index/index'
export const CAMPAIGN_PATH = '/pages/campaign/index'
const campaignRoute = (id: string) => `${CAMPAIGN_PATH.slice(1)}?id=${encodeURIComponent(id)}`
/** A card's link: the campaign's route as a path the server answers with that campaign's page. */
export const campaignHref = (id: string) => `/${campaignRoute(id)}`

/**
 * What the snapshot becomes on a page it does not show (the wizard, the inbox, …): the app's
 * loading look (StateView's skeleton cards), with 正在加载… as text, until the router has put
 * the page there.
 */
const LOADING = `<div class="fp-panel"><div class="fp-page"><p class="fp-wait" role="status">正在加载…</p>${'<div class="fp-card fp-skel" aria-hidden="true"><i></i><i></i><i class="s"></i></div>'.repeat(3)}</div></div>`

/**
 * Runs before the app, after the snapshot (earlyScript has made the address a hash route). When
 * the page is on another route than the snapshot's (data-route), or moves there before the app
 * runs, the snapshot becomes the loading frame, which goes once the router has put a page on
 * screen (at once when one is there already).
 */
const ROUTE_GUARD = `<script>(function(){var d=document;function g(){var e=d.getElementById('first-paint'),r=e&&e.getAttribute('data-route'),h=location.hash.replace(/^#\\/?/,'')||'${LIST_ROUTE}';if(!e||r==='*'||h===r||(r==='${LIST_ROUTE}'&&h.indexOf(r+'?')===0))return;var x=function(){return d.querySelector('.taro_page *')};if(x())return e.remove();e.setAttribute('data-route','*');e.innerHTML=${JSON.stringify(LOADING)};new MutationObserver(function(m,o){if(x()){o.disconnect();e.remove()}}).observe(d.body,{childList:true,subtree:true})}g();addEventListener('hashchange',g)})();</script>`


/** Beside index.html: each page's scripts and stylesheets (config/route-assets.ts). */
const ROUTE_ASSETS_FILE = 'route-assets.json'
/** The wizard's route (src/services/navigation ROUTES.wizard). */
const WIZARD_ROUTE = 'packages/demand/pages/wizard/index'

/**
 * Runs first, in <head>, on every page. A campaign's page is served at its route's own path (a
 * card's link, which works before any script); the app routes by hash, so that address first
 * becomes the hash route it names, without a reload. Then it asks at once for what the page will
 * wait on, the first things first (over HTTP/1.1 a browser fetches six at a time):
 * - on a wizard step (the route the page opens on), the
 *   GETs it opens with: who is signed in, the demand, then its campaign. The app takes these
 *   answers instead of asking again (src/services/early-answers.ts); a failed one is asked
 *   again by the app, so nothing here is shown or thrown;
 * - (`preload`) the app's scripts, which run only after the first paint (scriptLoader);
 * - that route's scripts and stylesheets, which the router would otherwise ask for only once
 *   the app's scripts had arrived and run: one or two round trips later.
 */
const earlyScript = (appScripts: string[], assets: Record<string, string[]>) =>
  `<script>(function(){var d=document,p=location.pathname;if(p!=='/'&&!location.hash)history.replaceState(history.state,'','/#'+p+location.search);var h=location.hash.replace(/^#\\/?/,''),i=h.indexOf('?'),r=i<0?h:h.slice(0,i),q=new URLSearchParams(i<0?'':h.slice(i+1));` +
  `if(r==='${WIZARD_ROUTE}'&&q.get('id')){var E=window.__earlyAnswers={},g=function(u){var a=fetch(u,{headers:{Accept:'application/json'}}).then(function(x){return x.json().then(function(b){return{status:x.status,data:b}})});a.catch(function(){});return E[u]=a};` +
  `g('/api/auth/me');g('/api/demands/'+encodeURIComponent(q.get('id'))).then(function(a){a.status===200&&a.data&&a.data.campaignId&&g('/api/campaigns/'+encodeURIComponent(a.data.campaignId))},function(){})}` +
  `${scriptJson(appScripts)}.concat(${scriptJson(assets)}[r]||[]).forEach(function(s){var l=d.createElement('link');l.rel='preload';l.as=/\\.css$/.test(s)?'style':'script';l.href=s;d.head.appendChild(l)})})();</script>`

/** The build's table of each route's files; none (nothing preloaded, the page still works) when it is missing or unreadable. */
function routeAssets(h5Dir: string): Record<string, string[]> {
  try {
    const table: unknown = JSON.parse(fs.readFileSync(path.join(h5Dir, ROUTE_ASSETS_FILE), 'utf8'))
    return table && typeof table === 'object' && !Array.isArray(table) ? (table as Record<string, string[]>) : {}
  } catch {
    return {}
  }
}

/** The tab bar's icons (app.config.ts tabBar), from the build's copy, as data: URLs; none when absent. */
export interface TabIcons {
  campaigns?: string
  messages?: string
  profile?: string
}

const TABS = [
  ['campaigns', '征集活动'],
  ['messages', '消息'],
  ['profile', '我的']
] as const

/** A campaign's status as its clock tells it (as the app's useCampaignClock): the countdown, when it opens, or 已截止. */
function clockText(c: CampaignSummary, now: number): { text: string; urgent: boolean } {
  const deadline = Date.parse(c.enterpriseDeadlineAt)
  if (c.status === 'upcoming' && c.opensAt) return { text: `${formatDate(c.opensAt)}开始`, urgent: false }
  if (c.status === 'closed') return { text: '已截止', urgent: false }
  return { text: formatCountdown(countdown(deadline, now)), urgent: deadline - now < 3 * DAY_MS }
}

const tagsHtml = (c: CampaignSummary) =>
  `<span class="fp-tags"><span class="fp-tag ${c.status}">${CAMPAIGN_STATUS_LABELS[c.status]}</span>${c.isDemo ? '<span class="fp-tag demo">演示</span>' : ''}</span>`

/** The snapshot's frame: the page's panel, what it shows and the route it shows (the route guard reads it). */
const frame = (route: string, page: string, after = '') =>
  `<div id="first-paint" data-route="${escapeHtml(route)}"><div class="fp-panel"><div class="fp-page">${page}</div></div>${after}</div>${ROUTE_GUARD}`

export function renderCampaignSnapshot(campaigns: CampaignSummary[], now: number, icons: TabIcons = {}): string {
  const cards = campaigns.map((c) => {
    const clock = clockText(c, now)
    const count = c.status === 'closed' ? '' : `<span class="fp-count${clock.urgent ? ' urgent' : ''}">${escapeHtml(clock.text)}</span>`
    return `<a class="fp-card ${c.status}" href="${escapeHtml(campaignHref(c.id))}" data-campaign-id="${escapeHtml(c.id)}"><span class="fp-top">${tagsHtml(c)}${count}</span><h2>${escapeHtml(
      c.title
    )}</h2><span class="fp-issuer">${escapeHtml(c.issuer)}</span><span class="fp-tagline">${escapeHtml(
      c.tagline
    )}</span><span class="fp-foot"><span class="fp-deadline">填报截止 ${formatDeadline(c.enterpriseDeadlineAt)}</span><span class="fp-more" aria-hidden="true">查看 ›</span></span></a>`
  })
  const tabs = TABS.map(([key, label], i) => {
    const icon = icons[key] ? `<img src="${icons[key]}" alt="">` : '<i></i>'
    return `<span${i === 0 ? ' class="on"' : ''}>${icon}<b>${label}</b></span>`
  }).join('')
  return frame(
    LIST_ROUTE,
    `<div class="fp-intro"><h1>征集活动</h1><p class="fp-lead">选择一项征集，查看通知要求并在线填报技术创新需求</p></div>` +
      `<div role="list">${cards.map((card) => `<div role="listitem">${card}</div>`).join('')}</div>`,
    // the tab bar's place, until Taro's own stands there
    `<div class="fp-tabbar" aria-hidden="true"><div>${tabs}</div></div>`
  )
}

/**
 * A campaign's page as its card's link opens it before the app runs (or without scripts): the
 * header, both deadlines and the whole notice summary (nothing to expand without a script), laid
 * out as the app's campaign page begins.
 */
export function renderCampaignPageSnapshot(c: CampaignDetail, now: number): string {
  const clock = clockText(c, now)
  const tone = c.status === 'closed' ? 'closed' : clock.urgent ? 'urgent' : ''
  const paragraphs = c.definition.summary
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
  return frame(
    campaignRoute(c.id),
    `<div class="fp-hero">${tagsHtml(c)}<h1>${escapeHtml(c.title)}</h1><span class="fp-issuer">${escapeHtml(c.issuer)}</span><span class="fp-tagline">${escapeHtml(c.tagline)}</span></div>` +
      `<dl class="fp-box fp-deadlines" aria-label="截止时间"><div><dt>填报截止</dt><dd><b>${formatDeadline(c.enterpriseDeadlineAt)}</b><i class="${tone}">${escapeHtml(clock.text)}</i></dd></div>` +
      `<div><dt>推荐截止</dt><dd><b>${formatDeadline(c.recommenderDeadlineAt)}</b><i class="closed">推荐单位在此前完成推荐</i></dd></div></dl>` +
      `<div class="fp-box"><h2>通知摘要</h2>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>`
  )
}

/** The id of the JSON the app reads instead of fetching what its first page shows (src/features/campaigns/api/embedded-campaigns.ts). */
export const EMBEDDED_ID = 'campaigns-data'

/**
 * What the snapshot shows (the list, or one campaign as GET /api/campaigns/:id answers it) and the
 * server's clock, as JSON the browser does not run (`type="application/json"`), safe inside <script>.
 */
function renderEmbedded(data: { campaigns: CampaignSummary[] } | { campaign: CampaignDetail }, now: number): string {
  return `<script type="application/json" id="${EMBEDDED_ID}">${scriptJson({ ...data, now })}</script>`
}

const STYLESHEETS = /<link\b[^>]*\brel="?stylesheet"?[^>]*>/g

/**
 * index.html of the H5 build with the snapshot; the template is read once per build. The
 * app's stylesheets move from <head> to after the snapshot: in <head> they would hold back
 * the first paint until they arrive (the snapshot brings its own CSS); in <body> they hold
 * back only what follows them, the app, whose deferred scripts run once they are in.
 */
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g
const DEFERRED_SCRIPT = /<script\b[^>]*\bdefer\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/g

/**
 * The app's scripts, loaded once the snapshot has been painted (the frame after the first one),
 * in order. As `defer` scripts they could run before the first paint (when they arrive while
 * the page is still parsed), so the snapshot showed only once the app had been evaluated.
 */
const scriptLoader = (sources: string[]) =>
  sources.length === 0
    ? ''
    : `<script>requestAnimationFrame(function(){setTimeout(function(){${scriptJson(sources)}.forEach(function(s){var e=document.createElement('script');e.src=s;e.async=false;document.body.appendChild(e)})})})</script>`
const sha256Source = (script: string) => `'sha256-${crypto.createHash('sha256').update(script, 'utf8').digest('base64')}'`

export interface IndexRenderer {
  /** The page at /: the campaign list's snapshot, and the list itself for the app. */
  (campaigns: CampaignSummary[], now: number): string
  /** The page at a campaign's path (campaignHref): its snapshot and the campaign for the app; without one (no such campaign) the app alone says so. */
  campaign(detail: CampaignDetail | null, now: number): string
  /** CSP sources of the page's inline scripts (the build's and the route guard), by their hashes. */
  scriptHashes(): string[]
}

/** The build's copy of the tab bar icons (config/index.ts copies src/assets/tabbar to tabbar/), inlined: no request before the first paint. */
function tabIcons(h5Dir: string): TabIcons {
  const read = (name: string) => {
    const file = path.join(h5Dir, 'tabbar', `${name}.png`)
    return fs.existsSync(file) ? `data:image/png;base64,${fs.readFileSync(file).toString('base64')}` : undefined
  }
  return { campaigns: read('campaigns-active'), messages: read('messages'), profile: read('profile') }
}

export function createIndexRenderer(h5Dir: string): IndexRenderer {
  let cached: { mtimeMs: number; head: string; tail: string; hashes: string[]; icons: TabIcons } | null = null
  const file = path.join(h5Dir, 'index.html')
  /** The build's page, read again when its index.html changes; null while it has none (yet). */
  const current = () => {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat) return null
    const { mtimeMs } = stat
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const built = fs.readFileSync(file, 'utf8')
      const sheets = (built.match(STYLESHEETS) ?? []).join('')
      const appScripts = [...built.matchAll(DEFERRED_SCRIPT)].map((m) => m[1])
      const loader = scriptLoader(appScripts)
      const html = built.replace(STYLESHEETS, '').replace(DEFERRED_SCRIPT, '').replace('</head>', `<style>${CSS}</style>${earlyScript(appScripts, routeAssets(h5Dir))}</head>`)
      const [head, tail] = html.split('<div id="app"></div>')
      const scripts = [...(html + ROUTE_GUARD + loader).matchAll(INLINE_SCRIPT)].map((m) => sha256Source(m[1]))
      cached = { mtimeMs, head, tail: `<div id="app"></div>${sheets}${loader}${tail}`, hashes: [...new Set(scripts)], icons: tabIcons(h5Dir) }
    }
    return cached
  }
  const template = () => {
    const page = current()
    if (!page) throw new Error(`${file} is missing`)
    return page
  }
  const render = (campaigns: CampaignSummary[], now: number): string => {
    const { head, tail, icons } = template()
    return head + renderCampaignSnapshot(campaigns, now, icons) + renderEmbedded({ campaigns }, now) + tail
  }
  const campaign = (detail: CampaignDetail | null, now: number): string => {
    const { head, tail } = template()
    return head + (detail ? renderCampaignPageSnapshot(detail, now) + renderEmbedded({ campaign: detail }, now) : ROUTE_GUARD) + tail
  }
  // every answer's CSP asks for these: a build without its index.html (yet) has no inline script
  const scriptHashes = () => current()?.hashes ?? []
  return Object.assign(render, { campaign, scriptHashes })
}
