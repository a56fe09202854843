/**
 * `npm run bench:lcp`: first load of the H5 campaign list in Chromium throttled like
 * Lighthouse mobile (150 ms round trip, 1.6 Mbps down, 750 kbps up, 4× CPU slowdown via
 * the DevTools protocol), cold cache. Prints Largest Contentful Paint (target ≤ 1.5 s,
 * fail above 2.5 s) and the JavaScript bytes transferred before it; median of RUNS loads.
 */
import { launchBrowser, phoneContext, startProduct } from '../support/product'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

interface Load {
  lcp: number
  lcpElement: string
  jsBytesBeforeLcp: number
  jsBytesTotal: number
}

async function main() {
  const [product, browser] = await Promise.all([startProduct(), launchBrowser()])
  const loads: Load[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await phoneContext(browser)
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8
      })
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      await page.addInitScript(() => {
        const w = window as unknown as { __lcp: { time: number; element: string } }
        w.__lcp = { time: 0, element: '' }
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { element?: Element }>) {
            w.__lcp = { time: e.startTime, element: e.element ? e.element.tagName + '.' + e.element.className : '' }
          }
        }).observe({ type: 'largest-contentful-paint', buffered: true })
      })
      await page.goto(product.url + '/', { waitUntil: 'load' })
      await page.getByText('【演示】').first().waitFor({ timeout: 30_000 })
      await page.waitForTimeout(1500)
      const load = await page.evaluate(() => {
        const lcp = (window as unknown as { __lcp: { time: number; element: string } }).__lcp
        const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
          (r) => r.initiatorType === 'script' || r.name.endsWith('.js')
        )
        const sum = (rs: PerformanceResourceTiming[]) => rs.reduce((n, r) => n + r.transferSize, 0)
        return {
          lcp: lcp.time,
          lcpElement: lcp.element,
          jsBytesBeforeLcp: sum(scripts.filter((r) => r.responseEnd <= lcp.time)),
          jsBytesTotal: sum(scripts)
        }
      })
      loads.push(load)
      console.log(`load ${i + 1}: LCP ${load.lcp.toFixed(0)} ms (${load.lcpElement}), JS before LCP ${load.jsBytesBeforeLcp} B of ${load.jsBytesTotal} B`)
      await context.close()
    }
  } finally {
    await browser.close()
    await product.close()
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const lcp = median(loads.map((l) => l.lcp))
  console.log(
    `\nH5 campaign list, Lighthouse-mobile throttling, median of ${RUNS}: LCP ${lcp.toFixed(0)} ms (target ≤ 1500, fail > 2500); ` +
      `JS transferred before LCP ${median(loads.map((l) => l.jsBytesBeforeLcp))} B; JS total ${median(loads.map((l) => l.jsBytesTotal))} B`
  )
  if (lcp > 2500) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
