/**
 * The H5 first screen before any JavaScript runs: index.html with a plain HTML snapshot
 * of the campaign list and its critical CSS inlined. The app removes the snapshot when its
 * own list is on screen; an inline script removes it at once on any other route.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { countdown, formatCountdown, formatDeadline } from '../types/time'
import { CAMPAIGN_STATUS_LABELS, type CampaignSummary } from '../types/domain'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const CSS = `#first-paint{font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;padding:16px 12px 72px;color:#1f2937}
#first-paint h1{font-size:22px;margin:4px 2px 4px;color:#111827}
#first-paint .fp-lead{font-size:13px;color:#6b7280;margin:0 2px 14px}
#first-paint .fp-card{background:#fff;border-radius:10px;padding:14px 14px 12px;margin-bottom:10px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
#first-paint .fp-top{display:flex;justify-content:space-between;align-items:center;margin-bottom:8px}
#first-paint .fp-tag{display:inline-block;font-size:11px;padding:1px 6px;border-radius:4px;margin-right:6px;background:#e8f5ee;color:#137a43}
#first-paint .fp-tag.closed{background:#eef0f3;color:#5c6470}#first-paint .fp-tag.upcoming{background:#eaf1fb;color:#1a56a8}
#first-paint .fp-tag.demo{background:#fdf3e7;color:#b45309}
#first-paint .fp-count{font-size:13px;color:#1a56a8;font-weight:500}
#first-paint h2{font-size:17px;line-height:1.45;margin:0 0 4px;font-weight:600;color:#111827}
#first-paint .fp-issuer{font-size:13px;color:#6b7280;margin:0 0 4px}
#first-paint .fp-tagline{font-size:14px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#first-paint .fp-foot{margin-top:10px;padding-top:10px;border-top:1px solid #eef0f3;font-size:12px;color:#9ca3af}`

/** Remove the snapshot at once when the page opens on another route than the list. */
const ROUTE_GUARD = `<script>(function(){var h=location.hash.replace(/^#\\/?/,'');if(h&&h.indexOf('pages/index/index')!==0){var e=document.getElementById('first-paint');e&&e.parentNode.removeChild(e);}})();</script>`

export function renderCampaignSnapshot(campaigns: CampaignSummary[], now: number): string {
  const cards = campaigns.map((c) => {
    const deadline = Date.parse(c.enterpriseDeadlineAt)
    const count = c.status === 'closed' ? '' : `<span class="fp-count">${formatCountdown(countdown(deadline, now))}</span>`
    return `<article class="fp-card"><div class="fp-top"><div><span class="fp-tag ${c.status}">${CAMPAIGN_STATUS_LABELS[c.status]}</span>${
      c.isDemo ? '<span class="fp-tag demo">演示</span>' : ''
    }</div>${count}</div><h2>${escapeHtml(c.title)}</h2><p class="fp-issuer">${escapeHtml(c.issuer)}</p><p class="fp-tagline">${escapeHtml(
      c.tagline
    )}</p><div class="fp-foot">填报截止 ${formatDeadline(c.enterpriseDeadlineAt)}</div></article>`
  })
  return `<div id="first-paint" aria-hidden="true"><h1>征集活动</h1><p class="fp-lead">选择一项征集，查看通知要求并在线填报技术创新需求</p>${cards.join('')}</div>${ROUTE_GUARD}`
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

export function createIndexRenderer(h5Dir: string): IndexRenderer {
  let cached: { mtimeMs: number; head: string; tail: string; hashes: string[] } | null = null
  const template = () => {
    const file = path.join(h5Dir, 'index.html')
    const { mtimeMs } = fs.statSync(file)
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const html = fs.readFileSync(file, 'utf8')
      const sheets = (html.match(STYLESHEETS) ?? []).join('')
      const [head, tail] = html.replace(STYLESHEETS, '').replace('</head>', `<style>${CSS}</style></head>`).split('<div id="app"></div>')
      const scripts = [...(html + ROUTE_GUARD).matchAll(INLINE_SCRIPT)].map((m) => sha256Source(m[1]))
      cached = { mtimeMs, head, tail: `<div id="app"></div>${sheets}${tail}`, hashes: [...new Set(scripts)] }
    }
    return cached
  }
  const render = (campaigns: CampaignSummary[], now: number): string => {
    const { head, tail } = template()
    return head + renderCampaignSnapshot(campaigns, now) + tail
  }
  // every answer's CSP asks for these: a build without its index.html (yet) has no inline script
  const scriptHashes = () => (fs.existsSync(path.join(h5Dir, 'index.html')) ? template().hashes : [])
  return Object.assign(render, { scriptHashes })
}
