#!/usr/bin/env node
/**
 * `npm run bench:size`: production weapp and alipay builds of the product, next to a bare
 * Taro 4 + React one-page app built in the same run with the same toolchain. Prints the
 * main package (everything outside subpackage roots), each subpackage and the total, in bytes.
 * Writes the figures to test/bench/out/size.json for the budget test.
 */
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.join(__dirname, '../..')
const BARE = path.join(ROOT, 'test/bench/out/bare-app')
const PLATFORMS = ['weapp', 'alipay']

function bytesUnder(dir) {
  if (!fs.existsSync(dir)) return 0
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    total += entry.isDirectory() ? bytesUnder(p) : fs.statSync(p).size
  }
  return total
}

/** Sizes of one build: main package, each subpackage, total. */
function measure(distDir) {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
  const total = bytesUnder(distDir)
  const subpackages = Object.fromEntries(roots.map((r) => [r, bytesUnder(path.join(distDir, r))]))
  const main = total - Object.values(subpackages).reduce((a, b) => a + b, 0)
  return { main, subpackages, total }
}

function build(cwd, platform) {
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

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
writeBareApp()
const results = {}
for (const platform of PLATFORMS) {
  build(ROOT, platform)
  build(BARE, platform)
  results[platform] = { product: measure(path.join(ROOT, 'dist', platform)), bare: measure(path.join(BARE, 'dist', platform)) }
}

console.log('\nPackage sizes (production builds, bytes of all output files)\n')
console.log('platform  build     main package        total   subpackages')
for (const platform of PLATFORMS) {
  for (const which of ['product', 'bare']) {
    const r = results[platform][which]
    const subs = Object.entries(r.subpackages).map(([k, v]) => `${k} ${kb(v)}`).join(', ') || '—'
    console.log(`${platform.padEnd(9)} ${which.padEnd(8)} ${kb(r.main).padStart(12)} ${kb(r.total).padStart(12)}   ${subs}`)
  }
  const r = results[platform]
  console.log(`${''.padEnd(9)} product/bare main: ${(r.product.main / r.bare.main).toFixed(2)}×\n`)
}
fs.mkdirSync(path.join(ROOT, 'test/bench/out'), { recursive: true })
fs.writeFileSync(path.join(ROOT, 'test/bench/out/size.json'), JSON.stringify(results, null, 2))
