/**
 * WeChat's own checks on the production weapp build (dist/weapp): miniprogram-ci compiles it as
 * an upload would (minified, with the settings of project.config.json) and runs DevTools'
 * code-quality audit (代码质量). Any compile error or failed check fails the test. Prints the
 * compiled package sizes (bench:size prints the same next to the output's).
 */
import path from 'node:path'
import { kb } from '../support/package-size'
import { runWechatCi, type WechatCiResult } from '../support/wechat-ci'

// OUTPUT_ROOT: the build made beside dist/ with the same variable (config/index.ts)
const DIST = path.resolve(__dirname, '../..', process.env.OUTPUT_ROOT ?? 'dist', 'weapp')
/** The audit's checks, as DevTools lists them (miniprogram-ci 2.1.42). */
const CHECKS = [
  'CONTAINS_OTHER_PKG_COMPONENTS',
  'CONTAINS_OTHER_PKG_JS',
  'CONTAINS_UNUSED_CODES',
  'CONTAINS_UNUSED_COMPONENTS',
  'CONTAINS_UNUSED_PLUGINS',
  'IMAGE_AND_AUDIO_LIMIT',
  'JS_COMPRESS_OPEN',
  'LAZYCODE_LOADING_OPEN',
  'PACKAGE_SIZE_LIMIT',
  'WXML_COMPRESS_OPEN',
  'WXSS_COMPRESS_OPEN'
]

let result: WechatCiResult

beforeAll(() => {
  result = runWechatCi(DIST)
  const { main, subpackages } = result.compiled
  process.stdout.write(`WeChat compile (miniprogram-ci): main ${kb(main)}, ${Object.entries(subpackages).map(([r, b]) => `${r} ${kb(b)}`).join(', ')}\n`)
}, 180_000)

test('the build compiles with WeChat’s compiler into a main package and every subpackage', () => {
  expect(result.compiled.main).toBeGreaterThan(0)
  for (const bytes of Object.values(result.compiled.subpackages)) expect(bytes).toBeGreaterThan(0)
})

test('passes all eleven of DevTools’ code-quality checks', () => {
  expect(result.checks.map((c) => c.name).sort()).toEqual(CHECKS)
  expect(result.checks.filter((c) => !c.success).map((c) => `${c.name}: ${c.text}`)).toEqual([])
})
