/**
 * `npm run bench:lighthouse`: Lighthouse 12 (its Node API) on the H5 pages of the product
 * started as `npm start` does (the real server, embedded database, local identity provider,
 * demo campaigns), in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium):
 *  - the campaign list as a visitor, a campaign's detail page, a wizard step signed in as
 *    ent-zhixin (mobile preset), the recommender inbox signed in as rec-liangjiang (desktop);
 *  - each with simulated throttling (Lighthouse's default) and devtools throttling;
 *  - the median of BENCH_RUNS runs (default 5) of: Performance score, LCP with its element,
 *    CLS with the elements that shifted, TBT, TTI and the bytes transferred.
 * The built H5 app comes from H5_DIR (e.g. `OUTPUT_ROOT=dist-perf npm run build:h5` then
 * `H5_DIR=dist-perf/h5`), else a copy of dist/h5. Signed-in pages get the session cookie.
 * BENCH_RUNS, BENCH_PORT, BENCH_URL, BENCH_PAGES and BENCH_REPORTS (a folder for every whole report): see main().
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { campaignHref } from '../../server/first-paint'
import { agreementsParam } from '../../types/agreements'
import { loginAtProvider } from '../support/sign-in'
import { completeProfile, signInOverHttp, submitDemand } from '../support/http-session'
import { startProduct } from '../support/product'
import { completeAnswers } from '../types/fixtures'

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5))
const METHODS = ['simulate', 'devtools'] as const
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The demo copy of the Chongqing campaign: open, with recommenders (rec-liangjiang among them). */
const CAMPAIGN = 'cq-2026-key-areas-demo'

interface Target {
  name: string
  url: string
  desktop?: boolean
  cookie?: string
}

interface Run {
  score: number
  lcp: number
  lcpElement: string
  cls: number
  shifted: string
  tbt: number
  tti: number
  bytes: number
}

/** An H5 session (the cookies the sign-in callback sets), as a browser that signed in holds it. */
async function h5Cookie(base: string, account: string): Promise<string> {
  const start = await fetch(`${base}/api/auth/oidc/start?client=h5&returnTo=&agree=${agreementsParam()}`, { redirect: 'manual' })
  const authUrl = start.headers.get('location')
  if (!authUrl) throw new Error(`sign-in start answered ${start.status}`)
  const startCookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const cb = await fetch(await loginAtProvider(authUrl, account, base), { redirect: 'manual', headers: { cookie: startCookie } })
  const cookies = cb.headers.getSetCookie().map((c) => c.split(';')[0])
  if (!cookies.some((c) => c.startsWith('sid='))) throw new Error(`sign-in callback answered ${cb.status} without a session`)
  return cookies.filter((c) => /^(sid|csrf_token)=/.test(c)).join('; ')
}

async function targets(base: string): Promise<Target[]> {
  const zhixin = await signInOverHttp(base, 'ent-zhixin')
  await completeProfile(zhixin, 'ent-zhixin')
  const draft = await zhixin.call<{ id: string }>('POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  // a few submitted demands, so that the inbox has rows
  const shancheng = await signInOverHttp(base, 'ent-shancheng')
  await completeProfile(shancheng, 'ent-shancheng')
  for (const name of ['车规级MCU芯片功能安全验证与测试平台建设', '车载毫米波雷达芯片研发及产业化']) {
    await submitDemand(shancheng, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: name })
  }
  return [
    { name: 'campaign list (visitor)', url: `${base}/` },
    // at the address the list's cards link to (server/first-paint.ts), its snapshot painted by the server
    { name: 'campaign detail (visitor)', url: `${base}${campaignHref(CAMPAIGN)}` },
    { name: 'wizard step (ent-zhixin)', url: `${base}/#/packages/demand/pages/wizard/index?id=${draft.id}`, cookie: await h5Cookie(base, 'ent-zhixin') },
    {
      name: 'recommender inbox (rec-liangjiang, desktop)',
      url: `${base}/#/packages/recommend/pages/inbox/index?campaign=${CAMPAIGN}`,
      desktop: true,
      cookie: await h5Cookie(base, 'rec-liangjiang')
    }
  ]
}

type Lhr = {
  categories: { performance: { score: number | null } }
  audits: Record<string, { numericValue?: number; details?: { type: string; items?: unknown[] } }>
  runtimeError?: { message: string }
  finalDisplayedUrl?: string
}
type Node = { type?: string; selector?: string; snippet?: string; nodeLabel?: string }

/** `div.taro-tabbar__container` from a node's snippet, else its selector. */
function describe(node: Node | undefined): string {
  if (!node) return '?'
  const tag = /^<(\w+)/.exec(node.snippet ?? '')?.[1]
  const cls = /class="([^"]*)"/.exec(node.snippet ?? '')?.[1]?.trim().split(/\s+/)[0]
  return tag ? `${tag}${cls ? '.' + cls : ''}` : (node.selector ?? '?')
}

function read(lhr: Lhr): Run {
  const a = lhr.audits
  const num = (id: string) => a[id]?.numericValue ?? NaN
  // LCP element: a list whose first table holds the node
  const lcpTable = (a['largest-contentful-paint-element']?.details?.items?.[0] ?? {}) as { items?: Array<{ node?: Node }> }
  const lcpNode = lcpTable.items?.[0]?.node
  const shifts = (a['layout-shifts']?.details?.items ?? []) as Array<{ node?: Node; score?: number }>
  const shifted = shifts
    .filter((s) => (s.score ?? 0) > 0)
    .slice(0, 3)
    .map((s) => `${describe(s.node)} ${(s.score ?? 0).toFixed(3)}`)
    .join(', ')
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    lcp: num('largest-contentful-paint'),
    lcpElement: describe(lcpNode),
    cls: num('cumulative-layout-shift'),
    shifted: shifted || 'none',
    tbt: num('total-blocking-time'),
    tti: num('interactive'),
    bytes: num('total-byte-weight')
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
/** The run whose value is the median (for the element that goes with it). */
const medianRun = (runs: Run[], key: 'lcp' | 'cls') => [...runs].sort((a, b) => a[key] - b[key])[Math.floor((runs.length - 1) / 2)]

async function main() {
  // ESM packages: loaded at run time
  const { default: lighthouse } = await import('lighthouse')
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js')
  const chromeLauncher = await import('chrome-launcher')
  const h5Dir = process.env.H5_DIR ? path.resolve(process.env.H5_DIR) : undefined
  // BENCH_PORT: the product there, its identity provider and Chromium's debugging port on the next two;
  // BENCH_URL: a product already started as `npm start` does (its own H5_DIR), e.g. where a start takes long
  const port = Number(process.env.BENCH_PORT) || undefined
  const product = process.env.BENCH_URL
    ? { url: process.env.BENCH_URL.replace(/\/$/, ''), close: async () => undefined }
    : await startProduct(h5Dir ? { H5_DIR: h5Dir } : {}, port ? { port, idpPort: port + 1 } : {})
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    ...(port ? { port: port + 2 } : {}),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  const lines: string[] = []
  try {
    // BENCH_PAGES=wizard,inbox: only the pages whose names contain one of these words
    const only = process.env.BENCH_PAGES?.split(',')
    const pages = (await targets(product.url)).filter((t) => !only || only.some((w) => t.name.includes(w)))
    console.log(`H5 app: ${h5Dir ?? 'copy of dist/h5'}; ${RUNS} run(s) per page and method\n`)
    for (const target of pages) {
      for (const method of METHODS) {
        const runs: Run[] = []
        for (let i = 0, failed = 0; i < RUNS; i++) {
          const result = await lighthouse(
            target.url,
            {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: ['performance'],
              throttlingMethod: method,
              ...(target.cookie ? { extraHeaders: { Cookie: target.cookie } } : {})
            },
            target.desktop ? desktopConfig : undefined
          )
          const lhr = result?.lhr as unknown as Lhr | undefined
          if (!lhr || lhr.runtimeError) {
            const why = `Lighthouse failed on ${target.url}: ${lhr?.runtimeError?.message ?? 'no result'}`
            // a trace lost now and then (NO_NAVSTART on a loaded machine): that run again, twice at most
            if (++failed > 2) throw new Error(why)
            console.log(`  ${why}; again`)
            i--
            continue
          }
          // a signed-in page sent to the sign-in page would be measured as that page
          if (target.cookie && /#\/pages\/login\//.test(lhr.finalDisplayedUrl ?? '')) {
            throw new Error(`${target.name} ended on the sign-in page (${lhr.finalDisplayedUrl}): the app did not take its session`)
          }
          const run = read(lhr)
          runs.push(run)
          // BENCH_REPORTS=dir: every run's whole report, for its diagnostics (LCP phases, unused JS, main-thread work)
          if (process.env.BENCH_REPORTS) {
            fs.mkdirSync(process.env.BENCH_REPORTS, { recursive: true })
            const file = `${target.name.replace(/\W+/g, '-')}${method}-${i + 1}.json`
            fs.writeFileSync(path.join(process.env.BENCH_REPORTS, file), JSON.stringify(lhr))
          }
          console.log(
            `  ${target.name}, ${method}, run ${i + 1}: ${run.score}, LCP ${ms(run.lcp)} (${run.lcpElement}), CLS ${run.cls.toFixed(3)}, TBT ${ms(run.tbt)}, TTI ${ms(run.tti)}`
          )
        }
        const atLcp = medianRun(runs, 'lcp')
        const atCls = medianRun(runs, 'cls')
        lines.push(
          `${target.name}, ${target.desktop ? 'desktop' : 'mobile'}, ${method} throttling (median of ${RUNS}):\n` +
            `  Performance ${median(runs.map((r) => r.score))}  LCP ${ms(median(runs.map((r) => r.lcp)))} (${atLcp.lcpElement})` +
            `  CLS ${median(runs.map((r) => r.cls)).toFixed(3)} (${atCls.shifted})` +
            `  TBT ${ms(median(runs.map((r) => r.tbt)))}  TTI ${ms(median(runs.map((r) => r.tti)))}  bytes ${kb(median(runs.map((r) => r.bytes)))}`
        )
      }
    }
  } finally {
    chrome.kill()
    await product.close()
  }
  console.log('\n' + lines.join('\n'))
  console.log(`\nmachine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`)
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
