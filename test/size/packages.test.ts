/**
 * Size budgets of the mini-program builds that `npm test` made (production, dist/weapp and
 * dist/alipay): the main package within 800 KB, every subpackage within the platforms'
 * 2 MB. `npm run bench:size` prints the same figures next to a bare Taro app.
 */
import path from 'node:path'
import { measurePackages, overBudget } from '../support/package-size'

const ROOT = path.join(__dirname, '../..')

test.each(['weapp', 'alipay'])('%s: main package ≤ 800 KB and every subpackage ≤ 2 MB', (platform) => {
  const sizes = measurePackages(path.join(ROOT, 'dist', platform))
  expect(Object.keys(sizes.subpackages).length).toBeGreaterThan(0)
  expect(overBudget(sizes)).toEqual([])
})
