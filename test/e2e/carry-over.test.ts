/**
 * 从已有需求复制 in Chromium on a 375 px phone (issue 16 §4): an enterprise with a Hangzhou demand
 * opens the Chongqing campaign, chooses that demand in the sheet, and the new demand's wizard
 * opens with the banner: what was carried, what did not fit, links to what is to fill.
 * Screenshots: test/e2e/artifacts/carry-01-chooser.png, carry-02-banner.png (axe on both).
 */
import { lookAt } from '../support/a11y'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { atStep, openCampaign, shown, textOf } from '../support/wizard-page'
import { completeAnswers } from '../types/fixtures'

const e2e = productAndBrowser()

test('copies an earlier demand into another campaign and lists what is left to fill', async () => {
  const { product, browser } = e2e
  const page = await (await phoneContext(browser)).newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await signInFromProfile(page, product.url, /重庆智芯微电子/)
  await page.locator('[aria-label="手机号"] input').fill('13800138000')
  await page.locator('.profile-form__save').click()
  await page.getByText('已保存').first().waitFor()

  // No demand yet: no copy offered.
  await (await openCampaign(page, `${product.url}/#/pages/campaign/index?id=cq-2026-key-areas-demo`)).waitFor()
  expect(await page.locator('.start-demand__copy').count()).toBe(0)

  // An earlier demand in Hangzhou, saved as the app saves it.
  const hz = completeAnswers('hz-2021-major-research')
  const status = await page.evaluate(async (answers) => {
    const me = await (await fetch('/api/auth/me')).json()
    const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }
    const d = await (await fetch('/api/campaigns/hz-2021-major-research-demo/demands', { method: 'POST', headers, body: '{}' })).json()
    const body = JSON.stringify({ baseVersion: d.version, answers, currentStep: 'content' })
    return (await fetch(`/api/demands/${d.id}/draft`, { method: 'PUT', headers, body })).status
  }, hz)
  expect(status).toBe(200)

  await page.reload()
  await shown(page, '.start-demand__copy').filter({ hasText: '从已有需求复制' }).click()
  const item = shown(page, '.carry-chooser__item')
  await item.waitFor()
  expect(await item.count()).toBe(1)
  expect(await textOf(item)).toContain(hz.demandName)
  await lookAt(page, 'carry-01-chooser')

  await item.click()
  await page.waitForURL(/packages\/demand\/pages\/wizard/)
  const banner = shown(page, '[data-testid="carry-banner"]')
  await banner.waitFor()
  expect(await textOf(banner.locator('.wz-banner__title'))).toBe('已带入 6 项')
  expect(await textOf(banner)).toContain('未能带入：所属领域及方向、攻关组织方式、推荐单位')
  await page.evaluate(() => window.scrollTo(0, 0))
  await lookAt(page, 'carry-02-banner')

  await banner.locator('.carry-banner__link', { hasText: '应用主体' }).click()
  await atStep(page, 'outcome')
  await banner.getByRole('button', { name: '关闭复制结果提示' }).click()
  await banner.waitFor({ state: 'detached' })
  expect(errors).toEqual([])
  await page.context().close()
})
