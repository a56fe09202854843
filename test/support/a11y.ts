/**
 * Accessibility of a page as it is on screen: axe-core run in the page, failing on every
 * critical or serious violation with the rule, its help text and the elements it found.
 */
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import type { AxeResults } from 'axe-core'
import { shot } from './product'
import { settle } from './wizard-page'

const AXE_SOURCE = require.resolve('axe-core/axe.min.js')

interface Finding {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core on the document, once any toast the last action showed is gone (axe would
 * measure its contrast half faded out), and throws, listing each critical/serious violation
 * (id, help, target nodes), when there is one. `name` says which page of the journey it was.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  // NutUI's toast and Taro's own (Taro.showToast on H5)
  await page.waitForFunction(() => ![...document.querySelectorAll('.nut-toast, .taro__toast')].some((toast) => toast.checkVisibility()), undefined, { timeout: 10_000 })
  // evaluated by the browser's DevTools protocol: the page's CSP (no inline scripts) rightly
  // refuses a <script> tag, and the app runs under that real policy here
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(AXE_SOURCE, 'utf8'))
  const findings = await page.evaluate(async (): Promise<Finding[]> => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<AxeResults> } }).axe
    const results = await axe.run(document)
    return results.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({
        id: v.id,
        impact: v.impact!,
        help: v.help,
        targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.concat(n.all, n.none).map((c) => c.message).join('; ')}`)
      }))
  })
  if (findings.length) {
    const list = findings.map((f) => `- ${f.id} (${f.impact}): ${f.help}\n${f.targets.map((t) => `    ${t}`).join('\n')}`)
    throw new Error(`${name}: ${findings.length} critical/serious accessibility violation(s)\n${list.join('\n')}`)
  }
}

/**
 * One page of a journey as a person meets it: lets the page transition finish, writes the
 * screenshot `name`.png to the artifacts, and checks the page's accessibility.
 */
export async function lookAt(page: Page, name: string): Promise<void> {
  await settle(page)
  await shot(page, name)
  await checkA11y(page, name)
}
