/**
 * The H5 first screen before any JavaScript runs: index.html with a plain HTML snapshot
 * of the campaign list and its critical CSS inlined. The app removes the snapshot when its
 * own list is on screen; an inline script removes it at once on any other route.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { countdown, formatCountdown, formatDate, formatDeadline } from '../types/time'
import { CAMPAIGN_STATUS_LABELS, type CampaignSummary } from '../types/domain'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The snapshot is laid out exactly as the app lays out its list (src/features/campaigns,
 * src/app.scss, Taro's tab bar), in the same rem units (the build's inline script sets the
 * root font size before the body is parsed), so that the app takes over without moving a
 * pixel. It covers the viewport (fixed) while the app renders under it: its own panel
 * scrolls, and its tab bar stands where Taro's will stand.
 */
const CSS = `#first-paint{position:fixed;top:0;right:0;bottom:0;left:0;z-index:1000;display:flex;flex-direction:column;overflow:hidden;background:#f3f5f8;color:#3a414c;font-size:.75rem;line-height:1.5;font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Helvetica Neue',Arial,sans-serif;-webkit-font-smoothing:antialiased}
#first-paint .fp-panel{flex:1;position:relative;overflow:auto}
#first-paint .fp-page{min-height:100vh;box-sizing:border-box;padding:.6rem .6rem 1.2rem}
#first-paint .fp-intro{padding:.2rem .1rem .6rem}
#first-paint h1{display:block;margin:0;font-size:1rem;line-height:1.5;font-weight:600;color:#1f2329}
#first-paint .fp-lead{display:block;margin:.1rem 0 0;padding-right:5.6rem;font-size:.65rem;color:#5c6470}
#first-paint .fp-card{display:block;box-sizing:border-box;background:#fff;border-radius:.5rem;padding:.7rem;margin-bottom:.5rem;color:inherit;text-decoration:none;-webkit-tap-highlight-color:transparent}
#first-paint .fp-card:active{background:#f7f9fc}
#first-paint .fp-top{display:flex;align-items:center;justify-content:space-between;margin-bottom:.4rem}
#first-paint .fp-tags{display:flex;align-items:center}
#first-paint .fp-tag{display:flex;align-items:center;justify-content:center;height:14px;padding:0 2px;border:1px solid transparent;border-radius:.2rem;margin-right:.3rem;font-size:10px;background:#e6f4ec;color:#1a7546}
#first-paint .fp-tag.upcoming{background:#e8f0fb;color:#1a56a8}#first-paint .fp-tag.closed{background:#eef0f3;color:#5c6470}
#first-paint .fp-tag.demo{background:#fdf1e2;color:#a35400}
#first-paint .fp-count{font-size:.65rem;color:#1a56a8;font-weight:500;font-variant-numeric:tabular-nums}
#first-paint .fp-count.urgent{color:#a35400}
#first-paint h2{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;margin:0 0 .2rem;font-size:.85rem;line-height:1.45;font-weight:600;color:#1f2329}
#first-paint .closed h2{color:#3a414c}
#first-paint .fp-issuer{display:block;margin:0 0 .2rem;font-size:.65rem;color:#5c6470}
#first-paint .fp-tagline{display:block;margin:0;font-size:.7rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#first-paint .fp-foot{display:flex;justify-content:space-between;align-items:center;margin-top:.5rem;padding-top:.5rem;border-top:.025rem solid #e4e7ec}
#first-paint .fp-deadline{font-size:.6rem;color:#646b76}#first-paint .fp-more{font-size:.65rem;color:#1a56a8}
#first-paint .fp-tabbar{position:relative;flex:none;height:50px;width:100%}
#first-paint .fp-tabbar div{position:absolute;bottom:0;left:0;right:0;display:flex;align-items:center;background:#fff;border-top:.5px solid #c0bfc4;box-sizing:border-box}
#first-paint .fp-tabbar span{flex:1;display:block;padding:5px 0 0;text-align:center;font-size:0}
#first-paint .fp-tabbar img,#first-paint .fp-tabbar i{display:inline-block;width:27px;height:27px}
#first-paint .fp-tabbar b{display:block;font-weight:400;font-size:10px;line-height:1.8;color:#5c6470}#first-paint .fp-tabbar .on b{color:#1a56a8}`

/**
 * Removes the snapshot at once when the page opens on another route than the list, and when
 * a card is tapped before the app runs (the link changes the hash; the app opens that route).
 */
const ROUTE_GUARD = `<script>(function(){function g(){var h=location.hash.replace(/^#\\/?/,'');if(h&&h.indexOf('pages/index/index')!==0){var e=document.getElementById('first-paint');e&&e.parentNode.removeChild(e);}}g();addEventListener('hashchange',g);})();</script>`

const DAY_MS = 86_400_000
/** The H5 router's address of a campaign (hash routing, as src/services/navigation ROUTES.campaign). */
export const campaignHref = (id: string) => `/#/pages/campaign/index?id=${encodeURIComponent(id)}`

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

export function renderCampaignSnapshot(campaigns: CampaignSummary[], now: number, icons: TabIcons = {}): string {
  const cards = campaigns.map((c) => {
    const deadline = Date.parse(c.enterpriseDeadlineAt)
    // as the app's useCampaignClock: an upcoming campaign says when it opens, a closed one nothing
    const text = c.status === 'upcoming' && c.opensAt ? `${formatDate(c.opensAt)}开始` : formatCountdown(countdown(deadline, now))
    const urgent = c.status === 'open' && deadline - now < 3 * DAY_MS
    const count = c.status === 'closed' ? '' : `<span class="fp-count${urgent ? ' urgent' : ''}">${escapeHtml(text)}</span>`
    return `<a class="fp-card ${c.status}" href="${escapeHtml(campaignHref(c.id))}" data-campaign-id="${escapeHtml(c.id)}"><span class="fp-top"><span class="fp-tags"><span class="fp-tag ${c.status}">${CAMPAIGN_STATUS_LABELS[c.status]}</span>${
      c.isDemo ? '<span class="fp-tag demo">演示</span>' : ''
    }</span>${count}</span><h2>${escapeHtml(c.title)}</h2><span class="fp-issuer">${escapeHtml(c.issuer)}</span><span class="fp-tagline">${escapeHtml(
      c.tagline
    )}</span><span class="fp-foot"><span class="fp-deadline">填报截止 ${formatDeadline(c.enterpriseDeadlineAt)}</span><span class="fp-more" aria-hidden="true">查看 ›</span></span></a>`
  })
  const tabs = TABS.map(([key, label], i) => {
    const icon = icons[key] ? `<img src="${icons[key]}" alt="">` : '<i></i>'
    return `<span${i === 0 ? ' class="on"' : ''}>${icon}<b>${label}</b></span>`
  }).join('')
  return (
    `<div id="first-paint"><div class="fp-panel"><div class="fp-page"><div class="fp-intro"><h1>征集活动</h1><p class="fp-lead">选择一项征集，查看通知要求并在线填报技术创新需求</p></div>` +
    `<div role="list">${cards.map((card) => `<div role="listitem">${card}</div>`).join('')}</div></div></div>` +
    // the tab bar's place, until Taro's own stands there
    `<div class="fp-tabbar" aria-hidden="true"><div>${tabs}</div></div></div>${ROUTE_GUARD}`
  )
}

/** The id of the JSON the app reads instead of fetching the list (src/features/campaigns/api/embedded-campaigns.ts). */
export const EMBEDDED_ID = 'campaigns-data'

/** The list and the server's clock as JSON the browser does not run (`type="application/json"`), safe inside <script>. */
export function renderEmbeddedCampaigns(campaigns: CampaignSummary[], now: number): string {
  const json = JSON.stringify({ campaigns, now }).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `<script type="application/json" id="${EMBEDDED_ID}">${json}</script>`
}

const STYLESHEETS = /<link\b[^>]*\brel="?stylesheet"?[^>]*>/g

/**
 * index.html of the H5 build with the snapshot; the template is read once per build. The
 * app's stylesheets move from <head> to after the snapshot: in <head> they would hold back
 * the first paint until they arrive (the snapshot brings its own CSS); in <body> they hold
 * back only what follows them, the app, whose deferred scripts run once they are in.
 */
const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g
const sha256Source = (script: string) => `'sha256-${crypto.createHash('sha256').update(script, 'utf8').digest('base64')}'`

export interface IndexRenderer {
  (campaigns: CampaignSummary[], now: number): string
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
  const template = () => {
    const file = path.join(h5Dir, 'index.html')
    const { mtimeMs } = fs.statSync(file)
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const html = fs.readFileSync(file, 'utf8')
      const sheets = (html.match(STYLESHEETS) ?? []).join('')
      const [head, tail] = html.replace(STYLESHEETS, '').replace('</head>', `<style>${CSS}</style></head>`).split('<div id="app"></div>')
      const scripts = [...(html + ROUTE_GUARD).matchAll(INLINE_SCRIPT)].map((m) => sha256Source(m[1]))
      cached = { mtimeMs, head, tail: `<div id="app"></div>${sheets}${tail}`, hashes: [...new Set(scripts)], icons: tabIcons(h5Dir) }
    }
    return cached
  }
  const render = (campaigns: CampaignSummary[], now: number): string => {
    const { head, tail, icons } = template()
    return head + renderCampaignSnapshot(campaigns, now, icons) + renderEmbeddedCampaigns(campaigns, now) + tail
  }
  // every answer's CSP asks for these: a build without its index.html (yet) has no inline script
  const scriptHashes = () => (fs.existsSync(path.join(h5Dir, 'index.html')) ? template().hashes : [])
  return Object.assign(render, { scriptHashes })
}
