/**
 * Walking the H5 wizard in Chromium: the selectors and waits the end-to-end tests share.
 */
import type { Locator, Page } from 'playwright-core'

/** The H5 router keeps earlier pages of the stack in the DOM, hidden: look at the page on top. */
export const shown = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`)
export const field = (page: Page, id: string) => shown(page, `[data-field="${id}"]`)
export const next = (page: Page) => shown(page, '.wz-actionbar__next').click()

/**
 * The 发起需求 button of a campaign's page just opened: the router brings the page in over the
 * pages of the stack, and under load one kept below can be on screen with it for a moment. Waits
 * until one start button is shown (the one that stays) and returns it.
 */
export async function startButton(page: Page): Promise<Locator> {
  const start = shown(page, '.start-demand__button').filter({ hasText: '发起需求' })
  for (let i = 0; i < 300 && (await start.count()) !== 1; i++) await page.waitForTimeout(100)
  return start
}

/** A campaign's page opened by its address while the app runs; its 发起需求 button (startButton). */
export async function openCampaign(page: Page, url: string): Promise<Locator> {
  await page.goto(url)
  return startButton(page)
}

/** Opens a maturity field's sheet, taps a level, and waits for the sheet to close before the next tap. */
export async function chooseLevel(page: Page, id: string, label: string, level: number) {
  await field(page, id).locator('.wz-picker-button').click()
  const sheet = page.locator(`[role="radiogroup"][aria-label="${label}"]`)
  await sheet.locator(`[data-level="${level}"] >> visible=true`).click()
  await sheet.waitFor({ state: 'hidden' })
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim()
}

/** Waits until the wizard shows the step (by its id); if it does not, says what the page shows instead. */
export async function atStep(page: Page, stepId: string) {
  await shown(page, `[data-testid="step"][data-step="${stepId}"]`)
    .waitFor()
    .catch(async (err: Error) => {
      const onStep = await page.locator('[data-testid="step"] >> visible=true').first().getAttribute('data-step').catch(() => null)
      const alerts = await page.locator('[role="alert"] >> visible=true').allTextContents().catch(() => [])
      throw new Error(`${err.message}\nstill on step: ${onStep}; messages on screen: ${alerts.join(' | ') || 'none'}`)
    })
}

/**
 * Lets what moves finish before a screenshot: the H5 page transition, a sheet sliding in, a toast
 * fading in (animations that loop, such as a spinner, excepted). A loaded machine stretches them.
 */
export async function settle(page: Page) {
  await page.waitForTimeout(450)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
}

export async function savedSoon(page: Page) {
  await shown(page, '[data-testid="save-status"][data-kind="saved"]').waitFor({ timeout: 10_000 })
}

/** Chinese text of at least `min` characters. */
export const paragraph = (sentence: string, min = 60) => {
  let s = ''
  while (s.length < min) s += sentence + '。'
  return s
}

/** Fills an indicator table, one tap on 添加指标 per row; each row is [name, current, target, unit]. */
export async function fillIndicators(page: Page, id: string, rows: string[][]) {
  const cols = ['name', 'current', 'target', 'unit']
  for (let i = 0; i < rows.length; i++) {
    await field(page, id).locator('.wz-add-row').click()
    const row = field(page, id).locator(`[data-row="${i}"]`)
    for (let c = 0; c < cols.length; c++) await row.locator(`[data-column="${cols[c]}"] input`).fill(rows[i][c])
  }
}

/** Opens the recommender sheet, searches, and taps the unit. */
export async function chooseRecommender(page: Page, id: string, search: string, unitId: string) {
  await field(page, id).locator('.wz-picker-button').click()
  await shown(page, '.wz-sheet__search input').fill(search)
  await shown(page, `[data-unit="${unitId}"]`).click()
}

/** On the review page: 提交需求, confirm, and wait for the submitted card (failing with the page's words if it refuses). */
export async function submitFromReview(page: Page) {
  await shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  const refused = shown(page, '[data-testid="submit-error"], [data-testid="submit-unknown"]')
  await shown(page, '[data-testid="submitted"]').or(refused).waitFor()
  if (await refused.count()) throw new Error(`提交未成功：${await textOf(refused)}`)
}
