/**
 * The demand quality assistant in Chromium (the built H5 app on the real server, a 375×812
 * phone): an enterprise's vague first draft is improved by following the hints.
 * 1. In the wizard it types 达到国际先进水平 with no figure and an indicator row without a
 *    target: calm hints appear under both fields once typing pauses;
 * 2. the review page shows a low score (完整度 / 具体度) and the three things to fix first;
 * 3. it follows 去修改 back to the field, adds the figures and completes the row: the hints go;
 * 4. the review page shows the score risen, and says the demand is good.
 * The enterprise is an account of its own (`ent-quality`, test/support/idp-accounts.json).
 * Every stage is screenshotted to test/e2e/artifacts/quality-*.png and checked with axe-core.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Profile } from '../../types/domain'
import { lookAt } from '../support/a11y'
import { signInOverHttp } from '../support/http-session'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { atStep, field, savedSoon, shown, textOf } from '../support/wizard-page'
import { completeAnswers } from '../types/fixtures'

const CAMPAIGN = 'cq-2026-key-areas-demo'
const ACCOUNT = 'ent-quality'
const VAGUE = '整体性能达到国际先进水平，填补国内空白。'
const SPECIFIC = '故障检测覆盖率由90%提升至99%，最高工作结温由125℃提升至150℃，达到国际同类产品水平（对标主流ASIL-D产品）。'

const e2e = productAndBrowser({ DEV_IDP_EXTRA_ACCOUNTS: path.join(__dirname, '../support/idp-accounts.json') })

const hints = (page: Page, fieldId: string) => shown(page, `[data-testid="hints-${fieldId}"] .quality-hint`)
const score = async (page: Page) => Number(await textOf(shown(page, '[data-testid="quality-score"]')))

test('a vague first draft gets hints and a low score; following them raises the score', async () => {
  const { product, browser } = e2e
  const errors: string[] = []
  // A draft with everything but the outcome's content, saved from another device (the API).
  const api = await signInOverHttp(product.url, ACCOUNT)
  const profile = await api.call<Profile>('GET', '/api/profile')
  await api.call('PUT', '/api/profile', { ...profile, contactName: '冯宁', mobile: '13700137000' })
  const answers: Record<string, unknown> = { ...completeAnswers(CAMPAIGN), demandName: '高可靠车规级MCU芯片研发及产业化' }
  delete answers.expectedOutcome
  delete answers.indicators
  const d = await api.call<{ id: string; version: number }>('POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
  await api.call('PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: 'outcome' })

  const context = await phoneContext(browser)
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await signInFromProfile(page, product.url, /需求质量助手/)

  // ── 1. The first draft, typed: a claim without a figure, a row without its target ──
  await page.goto(`${product.url}/#/packages/demand/pages/wizard/index?id=${d.id}`)
  await atStep(page, 'outcome')
  await field(page, 'expectedOutcome').locator('textarea').fill(VAGUE)
  await field(page, 'indicators').locator('.wz-add-row').click()
  const row = field(page, 'indicators').locator('[data-row="0"]')
  await row.locator('[data-column="name"] input').fill('故障检测覆盖率')
  await row.locator('[data-column="current"] input').fill('90')
  await row.locator('[data-column="unit"] input').fill('%')
  await hints(page, 'expectedOutcome').first().waitFor()
  expect(await textOf(hints(page, 'expectedOutcome').first())).toContain('只有结论没有数字')
  await hints(page, 'indicators').first().waitFor()
  expect(await textOf(hints(page, 'indicators').first())).toContain('第1行“故障检测覆盖率”缺少目标值')
  expect(await shown(page, '[data-testid="hints-expectedOutcome"]').getAttribute('role')).toBe('status')
  await savedSoon(page)
  await field(page, 'expectedOutcome').scrollIntoViewIfNeeded()
  await lookAt(page, 'quality-01-wizard-hints')

  // ── 2. The review page: a low score and the three things to fix first ──
  await page.goto(`${product.url}/#/packages/demand/pages/review/index?id=${d.id}`)
  const card = shown(page, '[data-testid="quality-card"]')
  await card.waitFor()
  const before = await score(page)
  expect(before).toBeLessThan(90)
  expect(await shown(page, '.quality-card__score--fair').count()).toBe(1) // amber, not green (nor red)
  // The two things to fix, the heavier first: the row without its target, then the claim.
  const top = card.locator('.quality-hint')
  expect(await top.count()).toBe(2)
  expect(await textOf(top.first())).toContain('预期成果核心技术参数指标：第1行“故障检测覆盖率”缺少目标值')
  expect(await textOf(top.nth(1))).toContain('核心技术预期成果：“整体性能达到国际先进水平，填补国内空白”只有结论没有数字')
  await card.scrollIntoViewIfNeeded()
  await lookAt(page, 'quality-02-review-low')

  // ── 3. 去修改 opens the field's step: add the figures, complete the row ──
  await top.first().locator('[data-testid="hint-action"]').click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  await atStep(page, 'outcome')
  await field(page, 'indicators').locator('[data-row="0"] [data-column="target"] input').fill('99')
  await field(page, 'expectedOutcome').locator('textarea').fill(SPECIFIC)
  await hints(page, 'expectedOutcome').first().waitFor({ state: 'detached' })
  await hints(page, 'indicators').first().waitFor({ state: 'detached' })
  await savedSoon(page)
  await lookAt(page, 'quality-03-wizard-fixed')

  // ── 4. The review page again: the score has risen; nothing left to fix ──
  await page.goto(`${product.url}/#/packages/demand/pages/review/index?id=${d.id}`)
  await shown(page, '[data-testid="quality-good"]').waitFor()
  const after = await score(page)
  expect(after).toBeGreaterThan(before)
  expect(after).toBeGreaterThanOrEqual(90)
  expect(await shown(page, '.quality-card__score--good').count()).toBe(1)
  await shown(page, '[data-testid="quality-card"]').scrollIntoViewIfNeeded()
  await lookAt(page, 'quality-04-review-risen')

  expect(errors).toEqual([])
  await context.close()
}, 180_000)
