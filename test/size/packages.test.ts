/**
 * Size budgets of the mini-program builds that `npm test` made (production, dist/weapp and
 * dist/alipay): the main package within its budget (test/support/package-size.ts LIMITS: issue
 * 14's ratios to a bare Taro app), every subpackage within the platforms' 2 MB.
 * `npm run bench:size` prints the same figures next to the bare app's.
 */
import path from 'node:path'
import { kb, LIMITS, measurePackages, overBudget, type Platform } from '../support/package-size'

const ROOT = path.join(__dirname, '../..')

test.each<Platform>(['weapp', 'alipay'])('%s: main package within its budget and every subpackage ≤ 2 MB', (platform) => {
  // OUTPUT_ROOT: the build made beside dist/ with the same variable (config/index.ts)
  const sizes = measurePackages(path.resolve(ROOT, process.env.OUTPUT_ROOT ?? 'dist', platform))
  expect(Object.keys(sizes.subpackages).length).toBeGreaterThan(0)
  expect(overBudget(platform, sizes)).toEqual([])
  process.stdout.write(`${platform}: main package ${kb(sizes.main)} (budget ${kb(LIMITS.mainPackage[platform])})\n`)
})
