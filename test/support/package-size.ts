/**
 * How big a mini-program build is, package by package, and whether it fits the budgets.
 * The one way of measuring, used by the size test in `npm test` (test/size) and by
 * `npm run bench:size`. A package's size is the bytes of all its output files; the main
 * package is everything outside the subpackage roots named in the build's app.json.
 */
import fs from 'node:fs'
import path from 'node:path'

const KB = 1024
/** WeChat and Alipay refuse any package above 2 MB; our main package must stay within 800 KB. */
export const LIMITS = { anyPackage: 2 * KB * KB, mainPackage: 800 * KB }

export interface PackageSizes {
  main: number
  /** By subpackage root. */
  subpackages: Record<string, number>
  total: number
}

function bytesUnder(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    total += entry.isDirectory() ? bytesUnder(p) : fs.statSync(p).size
  }
  return total
}

/** Sizes of the build in `distDir` (dist/weapp, dist/alipay). */
export function measurePackages(distDir: string): PackageSizes {
  const appJson = path.join(distDir, 'app.json')
  if (!fs.existsSync(appJson)) throw new Error(`${appJson} is missing: build it first (npm run build:${path.basename(distDir)})`)
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
  const total = bytesUnder(distDir)
  const subpackages = Object.fromEntries(roots.map((r) => [r, fs.existsSync(path.join(distDir, r)) ? bytesUnder(path.join(distDir, r)) : 0]))
  const main = total - Object.values(subpackages).reduce((a, b) => a + b, 0)
  return { main, subpackages, total }
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

/** What exceeds the limits, one sentence each; empty when the build fits. */
export function overBudget({ main, subpackages }: PackageSizes): string[] {
  const over: string[] = []
  if (main > LIMITS.mainPackage) over.push(`main package ${kb(main)} > ${kb(LIMITS.mainPackage)}`)
  for (const [root, bytes] of Object.entries(subpackages)) {
    if (bytes > LIMITS.anyPackage) over.push(`subpackage ${root} ${kb(bytes)} > ${kb(LIMITS.anyPackage)}`)
  }
  return over
}
