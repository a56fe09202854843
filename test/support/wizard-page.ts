/**
 * Walking the H5 wizard in Chromium: the selectors and waits the end-to-end tests share.
 */
import type { Locator, Page } from 'playwright-core'

/** The H5 router keeps earlier pages of the stack in the DOM, hidden: look at the page on top. */
export const shown = (page: Page, selector: string) => page.locator(`${selector} >> visible=true`)
export const field = (page: Page, id: string) => shown(page, `[data-field="${id}"]`)
export const next = (page: Page) => shown(page, '.wz-actionbar__next').click()

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

/** Waits until the wizard shows the step (by its id). */
export async function atStep(page: Page, stepId: string) {
  await shown(page, `[data-testid="step"][data-step="${stepId}"]`).waitFor()
}

/** Lets the H5 page transition finish before a screenshot. */
export async function settle(page: Page) {
  await page.waitForTimeout(450)
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
