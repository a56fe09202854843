/**
 * `npm run screenshots -- <label> [--root-class <class>]`: every page of src/app.config.ts, as
 * the account that uses it and with real data (a draft, a returned and resubmitted demand with
 * its thread, a recommended demand, a studio campaign), at 375 px (phone) and 1280 px (desktop),
 * written to test/e2e/artifacts/screens/<label>/<page>-<width>.png. For comparing the look of
 * the app before and after a change of styles.
 *
 * H5_DIR picks the H5 build to serve (default: a copy of dist/h5); SCREENSHOT_PORT the product's
 * port (the provider takes the next one). `--root-class` puts a class on the page root (<html>)
 * before the app starts, e.g. to see a theme switched by one class.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { completeAnswers } from '../types/fixtures'
import { completeProfile, signInOverHttp, submitDemand, resubmitDemand } from './http-session'
import { ARTIFACTS, runWithProductAndBrowser, signInFromProfile } from './product'
import { settle } from './wizard-page'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const WIDTHS = [
  { width: 375, height: 812, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { width: 1280, height: 860, deviceScaleFactor: 1, isMobile: false, hasTouch: false }
] as const
/** Taller pages are cut here. */
const MAX_HEIGHT = 5000

type Who = 'visitor' | 'enterprise' | 'recommender' | 'bureau'
/** The demo account each role signs in with at the local provider (its quick-login button). */
const ACCOUNT: Record<Exclude<Who, 'visitor'>, RegExp> = {
  enterprise: /重庆智芯微电子/,
  recommender: /两江新区科技主管部门/,
  bureau: /重庆市科学技术局/
}

interface Screen {
  name: string
  who: Who
  path: string
}

function parseArgs(argv: string[]): { label: string; rootClass?: string } {
  const [label, ...rest] = argv
  if (!label || !/^[a-z0-9-]+$/.test(label)) throw new Error('usage: screenshots <label> [--root-class <class>] (label: a-z, 0-9, -)')
  const i = rest.indexOf('--root-class')
  return { label, rootClass: i >= 0 ? rest[i + 1] : undefined }
}

/** The data the pages show, made through the real API; returns the ids the screens need. */
async function seed(base: string) {
  const zhixin = await signInOverHttp(base, 'ent-zhixin')
  await completeProfile(zhixin, 'ent-zhixin')
  const shancheng = await signInOverHttp(base, 'ent-shancheng')
  await completeProfile(shancheng, 'ent-shancheng')
  const clerk = await signInOverHttp(base, 'rec-liangjiang')
  const bureau = await signInOverHttp(base, 'bureau-cq')

  // another enterprise's demand, recommended: the ranking and the overview have a row
  const other = await submitDemand(shancheng, CAMPAIGN, { ...completeAnswers(CAMPAIGN), demandName: '车载毫米波雷达芯片研发及产业化' })
  await clerk.call('POST', `/api/recommend/demands/${other}/recommend`)

  // ours: submitted, returned with a reason, answered in the thread, revised and resubmitted
  const answers = completeAnswers(CAMPAIGN)
  const returned = await submitDemand(zhixin, CAMPAIGN, answers)
  await clerk.call('POST', `/api/recommend/demands/${returned}/return`, {
    reason: '请补充核心技术参数指标的测试条件（如最高工作结温的测试标准），并写明揭榜挂帅的投入来源。'
  })
  await zhixin.call('POST', `/api/demands/${returned}/thread`, { body: '已补充：结温按AEC-Q100 Grade 0 测试，投入来源见修改后的需求。' })
  await resubmitDemand(zhixin, returned, { ...answers, demandName: '车规级ASIL-D功能安全MCU芯片攻关及产业化' })

  // a draft half filled
  const draft = await zhixin.call<{ id: string; version: number; currentStep: string }>('POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  await zhixin.call('PUT', `/api/demands/${draft.id}/draft`, {
    baseVersion: draft.version,
    answers: { classified: false, demandName: '高可靠车规级IGBT模块封装工艺研究' },
    currentStep: draft.currentStep
  })

  const { campaigns } = await bureau.call<{ campaigns: Array<{ id: string }> }>('GET', '/api/studio/campaigns')
  if (!campaigns.length) throw new Error('the bureau has no campaign in the studio')
  return { returned, draft: draft.id, studio: campaigns[0].id }
}

function screens(ids: Awaited<ReturnType<typeof seed>>): Screen[] {
  const d = '/packages/demand/pages'
  const r = '/packages/recommend/pages'
  return [
    { name: 'index', who: 'enterprise', path: '/pages/index/index' },
    { name: 'campaign', who: 'enterprise', path: `/pages/campaign/index?id=${CAMPAIGN}` },
    { name: 'login', who: 'visitor', path: '/pages/login/index' },
    { name: 'profile', who: 'enterprise', path: '/pages/profile/index' },
    { name: 'messages', who: 'enterprise', path: '/pages/messages/index' },
    { name: 'demand-list', who: 'enterprise', path: `${d}/list/index` },
    { name: 'demand-wizard', who: 'enterprise', path: `${d}/wizard/index?id=${ids.draft}` },
    { name: 'demand-review', who: 'enterprise', path: `${d}/review/index?id=${ids.draft}` },
    { name: 'demand-versions', who: 'enterprise', path: `${d}/versions/index?id=${ids.returned}` },
    { name: 'demand-status', who: 'enterprise', path: `${d}/status/index?id=${ids.returned}` },
    { name: 'demand-thread', who: 'enterprise', path: `${d}/thread/index?id=${ids.returned}` },
    { name: 'demand-settings', who: 'enterprise', path: `${d}/settings/index` },
    { name: 'recommend-workbench', who: 'recommender', path: `${r}/workbench/index` },
    { name: 'recommend-inbox', who: 'recommender', path: `${r}/inbox/index?campaign=${CAMPAIGN}` },
    { name: 'recommend-demand', who: 'recommender', path: `${r}/demand/index?id=${ids.returned}` },
    { name: 'recommend-ranking', who: 'recommender', path: `${r}/ranking/index?campaign=${CAMPAIGN}` },
    { name: 'recommend-overview', who: 'bureau', path: `${r}/overview/index?campaign=${CAMPAIGN}` },
    { name: 'studio-list', who: 'bureau', path: '/packages/studio/pages/list/index' },
    { name: 'studio-edit', who: 'bureau', path: `/packages/studio/pages/edit/index?id=${ids.studio}` }
  ]
}

async function contextFor(browser: Browser, base: string, who: Who, size: (typeof WIDTHS)[number], rootClass?: string): Promise<BrowserContext> {
  const { width, height, ...rest } = size
  const context = await browser.newContext({ viewport: { width, height }, ...rest, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  if (rootClass) {
    // added before the app's own scripts run, through the DevTools protocol (the page's CSP refuses inline scripts)
    await context.addInitScript((cls: string) => {
      document.addEventListener('DOMContentLoaded', () => document.documentElement.classList.add(cls))
    }, rootClass)
  }
  if (who !== 'visitor') {
    const page = await context.newPage()
    await signIn(page, base, ACCOUNT[who])
    await page.close()
  }
  return context
}

/** Signs in at the local provider; a build from before the sign-in agreements has no box to tick. */
async function signIn(page: Page, base: string, account: RegExp) {
  await page.goto(`${base}/#/pages/profile/index`)
  await page.locator('.sign-in__button >> visible=true').waitFor()
  if (await page.getByRole('checkbox', { name: /我已阅读并同意/ }).count()) return signInFromProfile(page, base, account)
  await page.locator('.sign-in__button >> visible=true').click()
  await page.waitForURL(/\/interaction\//)
  await page.getByRole('button', { name: account }).click()
  await page.waitForURL((url) => url.toString().startsWith(base) && /profile/.test(url.hash))
}

function main(): void {
  const { label, rootClass } = parseArgs(process.argv.slice(2))
  const out = path.join(ARTIFACTS, 'screens', label)
  fs.mkdirSync(out, { recursive: true })
  const port = Number(process.env.SCREENSHOT_PORT ?? 3110)
  const env: Record<string, string> = process.env.H5_DIR ? { H5_DIR: path.resolve(process.env.H5_DIR) } : {}
  runWithProductAndBrowser(async (product, browser) => {
    const list = screens(await seed(product.url))
    for (const size of WIDTHS) {
      const contexts = new Map<Who, BrowserContext>()
      for (const screen of list) {
        if (!contexts.has(screen.who)) contexts.set(screen.who, await contextFor(browser, product.url, screen.who, size, rootClass))
        const page = await contexts.get(screen.who)!.newPage()
        const errors: string[] = []
        page.on('pageerror', (e) => errors.push(e.message))
        await page.goto(`${product.url}/#${screen.path}`)
        await page.waitForLoadState('networkidle')
        await settle(page)
        // The H5 page scrolls inside its own container, not the document: grow the window to the content.
        const height = await page.evaluate(() =>
          Math.max(
            document.documentElement.scrollHeight,
            ...[...document.querySelectorAll('*')]
              .filter((e) => e.clientHeight > 0 && /auto|scroll/.test(getComputedStyle(e).overflowY))
              .map((e) => e.scrollHeight + e.getBoundingClientRect().top)
          )
        )
        await page.setViewportSize({ width: size.width, height: Math.min(MAX_HEIGHT, Math.max(size.height, Math.ceil(height))) })
        await settle(page)
        const file = path.join(out, `${screen.name}-${size.width}.png`)
        await page.screenshot({ path: file })
        console.log(`${path.relative(process.cwd(), file)}${errors.length ? `  (page errors: ${errors.join('; ')})` : ''}`)
        await page.close()
      }
      for (const c of contexts.values()) await c.close()
    }
  }, env, { port, idpPort: port + 1 })
}

main()
