/**
 * Walking skeleton, end to end in Chromium: a new enterprise contact opens the H5 app,
 * sees the demo campaigns, opens one, signs in through the local government provider,
 * and saves the profile. Screenshots at 375×812 go to test/e2e/artifacts/.
 */
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, phoneContext, shot, signInFromProfile, startProduct, type Product } from '../support/product'

let product: Product
let browser: Browser

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await product?.close()
})

/** Taro renders <taro-input-core aria-label=…><input/></taro-input-core> on H5. */
const input = (page: Page, label: string) => page.locator(`[aria-label="${label}"] input`)

test('a new enterprise contact browses campaigns, signs in and saves the profile', async () => {
  const context = await phoneContext(browser)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))

  await page.goto(product.url + '/')
  await page.getByText('【演示】', { exact: false }).first().waitFor()
  await expect(page.getByText('征集中').first().isVisible()).resolves.toBe(true)
  await expect(page.getByText(/剩 \d+ 天/).first().isVisible()).resolves.toBe(true)
  await expect(page.getByText('已截止').first().isVisible()).resolves.toBe(true)
  await shot(page, '01-campaign-list')

  await page.getByText(/【演示】.*重点领域技术创新需求征集/).first().click()
  await page.getByText('填报截止').first().waitFor()
  // The seven fields and the consultation contacts are further down the page.
  await page.getByText('人工智能', { exact: true }).first().scrollIntoViewIfNeeded()
  await expect(page.getByText('人工智能', { exact: true }).first().isVisible()).resolves.toBe(true)
  await page.getByText(/郑美娟/).first().scrollIntoViewIfNeeded()
  await expect(page.getByText(/郑美娟/).first().isVisible()).resolves.toBe(true)
  await shot(page, '02-campaign-detail')

  await page.goto(product.url + '/#/pages/profile/index')
  await page.getByText('使用政务服务账号登录').waitFor()
  await shot(page, '03-sign-in')
  await signInFromProfile(page, product.url, /重庆智芯微电子有限公司/)

  await expect(input(page, '单位名称')).toHaveValueSoon('重庆智芯微电子有限公司')
  await expect(input(page, '统一社会信用代码')).toHaveValueSoon('91500108576231840F')
  await input(page, '手机号').fill('13800138000')
  await page.locator('.profile-form__save').click()
  await page.getByText('已保存').waitFor()
  await shot(page, '04-profile-saved')

  // What was saved is on the server: a fresh load shows it.
  await page.reload()
  await expect(input(page, '手机号')).toHaveValueSoon('13800138000')
  expect(errors).toEqual([])
  await context.close()
})

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveValueSoon(expected: string): Promise<R>
    }
  }
}

expect.extend({
  async toHaveValueSoon(locator: import('playwright-core').Locator, expected: string) {
    const deadline = Date.now() + 10_000
    let value = ''
    while (Date.now() < deadline) {
      value = await locator.inputValue().catch(() => '')
      if (value === expected) return { pass: true, message: () => `value is ${expected}` }
      await new Promise((r) => setTimeout(r, 100))
    }
    return { pass: false, message: () => `expected input value ${JSON.stringify(expected)}, got ${JSON.stringify(value)}` }
  }
})
