/**
 * The first-paint snapshot (server/first-paint.ts) as Chromium paints it, before any script:
 * axe-core's colour-contrast rule over every text of it, with a campaign in each state (open,
 * urgent, upcoming, closed, demo) so that every grey and tint of the snapshot's CSS is on screen.
 * WCAG AA: at least 4.5:1 for its text (all of it below the large-text size).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AxeResults } from 'axe-core'
import type { Browser } from 'playwright-core'
import { createIndexRenderer } from '../../server/first-paint'
import type { CampaignSummary } from '../../types/domain'
import { launchBrowser, phoneContext } from '../support/product'

const now = Date.parse('2026-12-03T10:00:00+08:00')
const DAY = 86_400_000
const base: CampaignSummary = {
  id: 'open',
  title: '2026年度重点领域技术创新需求征集',
  issuer: '重庆市科学技术局',
  tagline: '面向企业征集关键核心技术攻关需求',
  isDemo: false,
  status: 'open',
  opensAt: null,
  enterpriseDeadlineAt: new Date(now + 20 * DAY).toISOString(),
  recommenderDeadlineAt: new Date(now + 30 * DAY).toISOString()
}
const campaigns: CampaignSummary[] = [
  base,
  { ...base, id: 'urgent', isDemo: true, enterpriseDeadlineAt: new Date(now + DAY).toISOString() },
  { ...base, id: 'upcoming', status: 'upcoming', opensAt: new Date(now + 5 * DAY).toISOString() },
  { ...base, id: 'closed', status: 'closed', enterpriseDeadlineAt: new Date(now - DAY).toISOString() }
]

let browser: Browser
let dir: string
beforeAll(async () => {
  browser = await launchBrowser()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-paint-'))
  // the H5 build's template, reduced to what the renderer needs
  fs.writeFileSync(path.join(dir, 'index.html'), '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>技术需求征集</title></head><body><div id="app"></div></body></html>')
}, 60_000)
afterAll(async () => {
  await browser?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

it('has no text below 4.5:1 against its background', async () => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  await page.setContent(createIndexRenderer(dir)(campaigns, now), { waitUntil: 'load' })
  expect(await page.locator('#first-paint .fp-card').count()).toBe(4)
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe
    const r = await axe.run({ include: [['#first-paint']] }, { runOnly: { type: 'rule', values: ['color-contrast'] } })
    const nodes = (list: AxeResults['violations']) => list.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.map((c) => c.message).join('; ')}`))
    return { violations: nodes(r.violations), checked: r.passes.flatMap((p) => p.nodes).length }
  })
  expect(results.violations).toEqual([])
  // the rule did look: every card's texts, the heading and the lead
  expect(results.checked).toBeGreaterThanOrEqual(4 * 5)
  await context.close()
})
