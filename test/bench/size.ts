/**
 * `npm run bench:size`: production weapp and alipay builds of the product, next to a bare
 * Taro 4 + React one-page app built in the same run with the same toolchain. Prints the
 * main package (everything outside subpackage roots), each subpackage and the total, the
 * main package's ratio to the bare app's (issue 14's targets: weapp ≤ 1.5×, alipay ≤ 1.6×),
 * what WeChat's own compiler makes of the weapp build (miniprogram-ci, minified), and whether
 * the product fits the budgets (exit 1 if not). OUTPUT_ROOT builds the product beside dist/.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { kb, LIMITS, measurePackages, overBudget, type PackageSizes } from '../support/package-size'
import { runWechatCi } from '../support/wechat-ci'

const ROOT = path.join(__dirname, '../..')
const BARE = path.join(ROOT, 'test/bench/out/bare-app')
/** Where the product's builds go: dist/, or OUTPUT_ROOT (config/index.ts) to build beside it. */
const OUT = path.resolve(ROOT, process.env.OUTPUT_ROOT ?? 'dist')
const PLATFORMS = ['weapp', 'alipay'] as const
/** Issue 14's targets for the main package against the bare app's. */
const RATIO_BUDGET = { weapp: 1.5, alipay: 1.6 }

function build(cwd: string, platform: string) {
  execFileSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', platform], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' }
  })
}

function writeBareApp() {
  fs.rmSync(BARE, { recursive: true, force: true })
  const files = {
    'package.json': JSON.stringify({ name: 'bare-taro-app', private: true, browserslist: ['last 3 versions'] }),
    'babel.config.js': "module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }\n",
    'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx', strict: true, esModuleInterop: true } }),
    'config/index.js': `module.exports = function (merge) {
  return {
    projectName: 'bare', designWidth: 750, deviceRatio: { 750: 1 }, sourceRoot: 'src',
    outputRoot: 'dist/' + process.env.TARO_ENV, plugins: ['@tarojs/plugin-platform-alipay'],
    framework: 'react', compiler: 'webpack5', mini: {}, h5: {}
  }
}\n`,
    'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/index/index'] })\n",
    'src/app.ts': "import { PropsWithChildren } from 'react'\nexport default function App({ children }: PropsWithChildren) { return children }\n",
    'src/pages/index/index.config.ts': "export default definePageConfig({ navigationBarTitleText: 'Hello' })\n",
    'src/pages/index/index.tsx':
      "import { Text, View } from '@tarojs/components'\nexport default function Index() { return <View><Text>Hello world</Text></View> }\n"
  }
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(BARE, name)), { recursive: true })
    fs.writeFileSync(path.join(BARE, name), content)
  }
}

writeBareApp()
const results: Record<string, { product: PackageSizes; bare: PackageSizes }> = {}
for (const platform of PLATFORMS) {
  build(ROOT, platform)
  build(BARE, platform)
  results[platform] = { product: measurePackages(path.join(OUT, platform)), bare: measurePackages(path.join(BARE, 'dist', platform)) }
}

console.log('\nPackage sizes (production builds, bytes of all output files)\n')
console.log('platform  build     main package        total   subpackages')
const over: string[] = []
for (const platform of PLATFORMS) {
  for (const which of ['product', 'bare'] as const) {
    const r = results[platform][which]
    const subs = Object.entries(r.subpackages).map(([k, v]) => `${k} ${kb(v)}`).join(', ') || '—'
    console.log(`${platform.padEnd(9)} ${which.padEnd(8)} ${kb(r.main).padStart(12)} ${kb(r.total).padStart(12)}   ${subs}`)
  }
  const r = results[platform]
  console.log(`${''.padEnd(9)} product/bare main: ${(r.product.main / r.bare.main).toFixed(2)}× (budget ≤ ${RATIO_BUDGET[platform]}×)`)
  if (r.product.main / r.bare.main > RATIO_BUDGET[platform]) over.push(`${platform}: main package ${(r.product.main / r.bare.main).toFixed(2)}× the bare app's > ${RATIO_BUDGET[platform]}×`)
  if (platform === 'weapp') {
    // what WeChat's own compiler makes of it (minified as an upload would be)
    const { compiled } = runWechatCi(path.join(OUT, 'weapp'))
    console.log(`${''.padEnd(9)} WeChat compile (miniprogram-ci): main ${kb(compiled.main)}, ${Object.entries(compiled.subpackages).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}`)
  }
  console.log('')
  over.push(...overBudget(platform, r.product).map((o) => `${platform}: ${o}`))
}
console.log(`budgets: main package ≤ ${PLATFORMS.map((p) => `${kb(LIMITS.mainPackage[p])} (${p})`).join(', ')} and the ratios above, every package ≤ ${kb(LIMITS.anyPackage)}: ${over.length ? 'EXCEEDED\n  ' + over.join('\n  ') : 'met'}`)
console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`)
if (over.length) process.exitCode = 1
