/**
 * 关怀模式 in Chromium on a 375 px phone (the built H5 app on the real server): an enterprise
 * turns it on from 我的, then walks the list, a campaign, a wizard step and a demand's status;
 * a recommender's account keeps its own choice and turns it on too for the inbox. Each page:
 * the class on <html>, larger text, axe with no serious or critical violation, buttons at least
 * 48 px high, a screenshot test/e2e/artifacts/care-*.png.
 */
import type { Page } from 'playwright-core'
import { completeAnswers } from '../types/fixtures'
import { lookAt } from '../support/a11y'
import { completeProfile, signInOverHttp, submitDemand } from '../support/http-session'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { shown } from '../support/wizard-page'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const e2e = productAndBrowser()

/** Heights (CSS px) of the buttons on screen, each at least 48 in care mode. */
async function buttonHeights(page: Page): Promise<string[]> {
  const heights: string[] = []
  for (const b of await page.locator('[role="button"], [role="switch"]').all()) {
    if (heights.length === 8) break
    const box = (await b.isVisible()) ? await b.boundingBox() : null
    if (box && box.width > 0) heights.push(`${Math.round(box.height)} ${(await b.evaluate((el) => el.className)).slice(0, 60)}`)
  }
  return heights
}

async function inCare(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.classList.contains('app-care'))).toBe(true)
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--app-font-scale').trim())).toBe('1.25')
  await lookAt(page, name)
  const heights = await buttonHeights(page)
  expect(heights.length).toBeGreaterThan(0)
  expect(heights.filter((h) => parseInt(h, 10) < 48)).toEqual([])
}

test('关怀模式 from 我的, then the list, a campaign, a wizard step, a status and the recommender’s inbox', async () => {
  const { product, browser } = e2e
  // a submitted demand for the status page and the inbox
  const zhixin = await signInOverHttp(product.url, 'ent-zhixin')
  await completeProfile(zhixin, 'ent-zhixin')
  const submitted = await submitDemand(zhixin, CAMPAIGN, completeAnswers(CAMPAIGN))

  const context = await phoneContext(browser)
  const page = await context.newPage()
  await signInFromProfile(page, product.url, /重庆智芯微电子/)
  const toggle = shown(page, '[data-testid="care-switch"]')
  await toggle.waitFor()
  expect(await toggle.getAttribute('aria-checked')).toBe('false')
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.care-switch__label')!).fontSize))
  await toggle.click()
  expect(await toggle.getAttribute('aria-checked')).toBe('true')
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.care-switch__label')!).fontSize))
  expect(after / before).toBeCloseTo(1.25, 2)
  await inCare(page, 'care-01-profile')

  await page.goto(`${product.url}/#/pages/index/index`)
  await shown(page, '.campaign-item').first().waitFor()
  await inCare(page, 'care-02-list')

  await page.goto(`${product.url}/#/pages/campaign/index?id=${CAMPAIGN}`)
  await shown(page, '.start-demand__button').waitFor()
  await inCare(page, 'care-03-campaign')

  await shown(page, '.start-demand__button').filter({ hasText: '发起需求' }).click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await shown(page, '.wz-actionbar__next').waitFor()
  await inCare(page, 'care-04-wizard-step')

  await page.goto(`${product.url}/#/packages/demand/pages/status/index?id=${submitted}`)
  await page.waitForURL(/packages\/demand\/pages\/status/)
  await shown(page, '.status-screen').waitFor()
  await inCare(page, 'care-05-status')
  await context.close()

  // another account on another phone: the device starts without it; turned on, the inbox follows
  const clerkPhone = await phoneContext(browser)
  const clerk = await clerkPhone.newPage()
  await signInFromProfile(clerk, product.url, /两江新区科技主管部门/)
  const clerkToggle = shown(clerk, '[data-testid="care-switch"]')
  expect(await clerkToggle.getAttribute('aria-checked')).toBe('false')
  await clerkToggle.click()
  await clerk.goto(`${product.url}/#/packages/recommend/pages/inbox/index?campaign=${CAMPAIGN}`)
  await shown(clerk, `[data-testid="inbox-row"][data-demand-id="${submitted}"]`).waitFor()
  await inCare(clerk, 'care-06-recommender-inbox')
  await clerkPhone.close()
}, 300_000)
