/**
 * Agreements and 账号与数据 in Chromium on a 375 px phone (the built H5 app on the real server),
 * with screenshots in test/e2e/artifacts/account-*.png and axe-core on each page:
 * the sign-in screen's unchecked box, the 隐私政策 page, 账号与数据, and the privacy sheet. H5 has
 * no platform privacy prompt, so the sheet is shown as 账号与数据 shows it (上传附件时的隐私提示,
 * the same component the mini-programs show when the file picker needs agreement).
 */
import { lookAt } from '../support/a11y'
import { phoneContext, productAndBrowser, signInFromProfile } from '../support/product'
import { shown, textOf } from '../support/wizard-page'

const e2e = productAndBrowser()

test('the agreements at sign-in, the privacy policy, 账号与数据 and the privacy sheet', async () => {
  const { product, browser } = e2e
  const context = await phoneContext(browser)
  const page = await context.newPage()

  // 我的 sends a visitor to the sign-in page: the box is unticked, the button explains it needs the tick
  await page.goto(`${product.url}/#/pages/profile/index`)
  const box = page.getByRole('checkbox', { name: /我已阅读并同意/ })
  await box.waitFor()
  expect(await box.getAttribute('aria-checked')).toBe('false')
  await page.locator('.sign-in__button >> visible=true').click()
  expect(await textOf(shown(page, '.sign-in__consent-needed'))).toBe('请先阅读并勾选同意《用户服务协议》和《隐私政策》，再登录')
  expect(page.url()).toContain('/pages/login/') // not sent to the provider
  await lookAt(page, 'account-01-sign-in-agreements')

  // the policy, opened from the box's link
  await page.locator('[data-agreement="privacy"] >> visible=true').click()
  await page.waitForURL(/packages\/account\/pages\/agreement/)
  expect(await textOf(shown(page, '.agreement__title'))).toBe('隐私政策')
  expect(await textOf(shown(page, '.agreement'))).toContain('注销后')
  await lookAt(page, 'account-02-privacy-policy')
  await page.goBack()

  await signInFromProfile(page, product.url, /重庆智芯微电子/)
  await shown(page, '[data-testid="open-account-data"]').click()
  await page.waitForURL(/packages\/account\/pages\/data/)
  await shown(page, '.account__delete-button').waitFor()
  expect(await textOf(shown(page, '.account'))).toContain('已同意版本')
  await lookAt(page, 'account-03-account-and-data')

  await shown(page, '[data-testid="privacy-sheet-preview"]').click()
  const sheet = shown(page, '[data-testid="privacy-sheet"]')
  await sheet.waitFor()
  expect(await textOf(sheet)).toContain('收集：您选择的文件（文件名、大小和内容）')
  await lookAt(page, 'account-04-privacy-sheet')
  await sheet.getByText('知道了').click()
  await sheet.waitFor({ state: 'detached' })
  await context.close()
}, 180_000)
