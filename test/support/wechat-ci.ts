/**
 * WeChat's compiler and code-quality audit on a weapp build (test/support/wechat-ci-run.cjs,
 * in a child process), with the compiled bytes summed per package as bench:size sums the
 * output's: used by the size project in `npm test` (test/size/wechat-ci.test.ts) and by
 * `npm run bench:size`.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { subpackageRoots, type PackageSizes } from './package-size'

export interface QualityCheck {
  name: string
  success: boolean
  text: string
}

export interface WechatCiResult {
  /** Bytes of the compiled (minified) files, as an upload would send them. */
  compiled: PackageSizes
  checks: QualityCheck[]
}

/** Compiles `distDir` as WeChat DevTools would upload it and runs its code-quality audit; throws on a compile error. */
export function runWechatCi(distDir: string): WechatCiResult {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'wechat-ci-run.cjs'), distDir], { encoding: 'utf8', timeout: 180_000 })
  const line = child.stdout.trim().split('\n').pop() ?? ''
  let out: { files?: Record<string, number>; checks?: QualityCheck[]; error?: string }
  try {
    out = JSON.parse(line) as typeof out
  } catch {
    throw new Error(`miniprogram-ci gave no result (exit ${child.status ?? child.signal}): ${child.stderr.slice(-2000)}`)
  }
  if (out.error || !out.files || !out.checks) throw new Error(`miniprogram-ci: ${out.error ?? 'no result'}`)
  const roots = subpackageRoots(distDir)
  const subpackages = Object.fromEntries(roots.map((r) => [r, 0]))
  let total = 0
  for (const [file, bytes] of Object.entries(out.files)) {
    total += bytes
    const root = roots.find((r) => file.startsWith(`${r}/`))
    if (root) subpackages[root] += bytes
  }
  const main = total - Object.values(subpackages).reduce((a, b) => a + b, 0)
  return { compiled: { main, subpackages, total }, checks: out.checks }
}
