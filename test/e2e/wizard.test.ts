/**
 * Submitting when the network drops, in Chromium (the built H5 app on the real server): the
 * review page asks the server and says plainly whether the demand was submitted. (The wizard
 * walked step by step is in journey.test.ts.) Screenshots at 375×812 go to
 * test/e2e/artifacts/wizard-*.png.
 */
import { lookAt } from '../support/a11y'
import { completeProfile, signInOverHttp } from '../support/http-session'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { shown, textOf } from '../support/wizard-page'
import { completeAnswers } from '../types/fixtures'

const CAMPAIGN = 'cq-2026-key-areas-demo'

const e2e = productAndBrowser()

test('the network drops on submit: the page asks the server and says plainly whether it was submitted', async () => {
  const { product, browser } = e2e
  // Two complete drafts, saved from another device (the API).
  const zhixin = await signInOverHttp(product.url, 'ent-zhixin')
  await completeProfile(zhixin, 'ent-zhixin')
  const ids: string[] = []
  for (const name of ['车规级MCU芯片提交时断网的需求', '车规级MCU芯片提交后回答丢失的需求']) {
    const d = await zhixin.call<{ id: string; version: number }>('POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
    await zhixin.call('PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: { ...completeAnswers(CAMPAIGN), demandName: name }, currentStep: 'files' })
    ids.push(d.id)
  }
  const context = await phoneContext(browser)
  const page = await context.newPage()
  await signInFromProfile(page, product.url, /重庆智芯微电子/)

  // 1. The request never reaches the server: 未提交, said so.
  await page.goto(`${product.url}/#/packages/demand/pages/review/index?id=${ids[0]}`)
  await page.route('**/submit', (route) => route.abort('connectionreset'))
  await shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  const error = shown(page, '[data-testid="submit-error"]')
  await error.waitFor({ timeout: 20_000 })
  expect(await textOf(error)).toContain('本次提交没有成功')
  await lookAt(page, 'wizard-01-submit-dropped-not-submitted')
  await page.unroute('**/submit')

  // 2. The server takes the submission but its answer is lost: 已提交, said so.
  await page.goto(`${product.url}/#/packages/demand/pages/review/index?id=${ids[1]}`)
  await page.route('**/submit', async (route) => {
    await route.fetch()
    await route.abort('connectionreset')
  })
  await shown(page, '.wz-actionbar__next').filter({ hasText: '提交需求' }).click()
  await shown(page, '.nut-dialog-footer-ok').click()
  const done = shown(page, '[data-testid="submitted"]')
  await done.waitFor({ timeout: 20_000 })
  expect(await textOf(done)).toContain('已向服务器确认：本次提交已成功')
  await lookAt(page, 'wizard-02-submit-dropped-but-submitted')
  await context.close()
}, 120_000)
