/**
 * What can be checked of the Alipay build here (Alipay's CLI, `minidev build`, downloads its
 * builder from Alipay's servers and cannot run): the production build in dist/alipay has every
 * page and subpackage its app.json names, turns on Alipay's privacy check (`useprivacycheck`),
 * and no privacy API is reachable except through the privacy service (src/services/privacy),
 * which asks the person first. What only Alipay's IDE and real phones can tell is in the README
 * (发布检查清单).
 */
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.join(__dirname, '../..')
// OUTPUT_ROOT: the build made beside dist/ with the same variable (config/index.ts)
const DIST = path.resolve(ROOT, process.env.OUTPUT_ROOT ?? 'dist', 'alipay')
const SRC = path.join(ROOT, 'src')
const PRIVACY_SERVICE = path.join(SRC, 'services/privacy')

/**
 * APIs and button open-types that read personal data or devices: WeChat's list in 《小程序用户隐私
 * 保护指引》 (developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html)
 * and Alipay's counterparts (my.*); one list for both, since the code is shared.
 */
const PRIVACY_APIS = [
  // files, photos, videos
  'chooseMessageFile', 'chooseFile', 'chooseFileFromDisk', 'chooseImage', 'chooseMedia', 'chooseVideo', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum', 'saveImage',
  // location, address, contacts, invoices
  'getLocation', 'getFuzzyLocation', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress', 'chooseCity', 'chooseInvoice', 'chooseInvoiceTitle',
  'chooseContact', 'choosePhoneContact', 'chooseAlipayContact', 'addPhoneContact', 'addPhoneCalendar', 'addPhoneRepeatCalendar', 'chooseLicensePlate',
  // identity, phone number, clipboard, sensors
  'getUserProfile', 'getUserInfo', 'getOpenUserInfo', 'getPhoneNumber', 'getWeRunData', 'getRunData', 'getClipboardData', 'setClipboardData', 'getClipboard', 'setClipboard',
  'startRecord', 'getRecorderManager', 'createCameraContext', 'createVKSession', 'scanCode', 'scan', 'openBluetoothAdapter', 'createBLEPeripheralServer', 'joinVoIPChat', 'authorize'
]
const PRIVACY_OPEN_TYPES = ['getPhoneNumber', 'getRealtimePhoneNumber', 'chooseAvatar', 'getAuthorize', 'getUserInfo']

interface Use {
  file: string
  line: number
  what: string
}

/** Every use of a privacy API in one source text: `X.api` / `X?.api`, `X['api']`, and `openType='…'` on a component. */
export function privacyApiUses(file: string, text: string): Use[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const apis = new Set(PRIVACY_APIS)
  const uses: Use[] = []
  const add = (node: ts.Node, what: string) => uses.push({ file: path.relative(ROOT, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what })
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && apis.has(node.name.text)) add(node, node.getText())
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && apis.has(node.argumentExpression.text)) add(node, node.getText())
    if (ts.isJsxAttribute(node) && /^open-?type$/i.test(node.name.getText()) && node.initializer) {
      const value = ts.isStringLiteral(node.initializer) ? node.initializer.text : node.initializer.getText()
      if (PRIVACY_OPEN_TYPES.some((t) => value.includes(t))) add(node, node.getText())
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return uses
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  [key: string]: unknown
}

test('every page and subpackage that app.json names is in the build', () => {
  const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
  expect(app.subPackages?.length).toBeGreaterThan(0)
  for (const sub of app.subPackages ?? []) expect({ root: sub.root, exists: fs.existsSync(path.join(DIST, sub.root)) }).toEqual({ root: sub.root, exists: true })
  const missing = pages.flatMap((page) => ['js', 'axml', 'json'].map((ext) => `${page}.${ext}`)).filter((f) => !fs.existsSync(path.join(DIST, f)))
  expect(missing).toEqual([])
})

test('Alipay’s privacy check is on (app.json useprivacycheck)', () => {
  expect(app.useprivacycheck).toBe(true)
})

test('the check finds privacy APIs however they are called', () => {
  const sample = [
    "Taro.chooseImage({ count: 1 })",
    "my.getLocation({})",
    "wx?.chooseMessageFile({})",
    "const f = my['chooseFileFromDisk']",
    "const b = <Button openType='getPhoneNumber' />",
    "Taro.request({ url })"
  ].join('\n')
  expect(privacyApiUses('sample.tsx', sample).map((u) => u.line)).toEqual([1, 2, 3, 4, 5])
})

test('privacy APIs are called only in the privacy service (src/services/privacy), which asks first', () => {
  expect(fs.existsSync(PRIVACY_SERVICE)).toBe(true)
  // parse only the files that name one of the APIs at all (the parser is the slow part)
  const named = new RegExp(`\\b(${[...PRIVACY_APIS, ...PRIVACY_OPEN_TYPES].join('|')})\\b`)
  const uses = sourceFiles(SRC).flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8')
    return named.test(text) ? privacyApiUses(f, text) : []
  })
  const inService = uses.filter((u) => u.file.startsWith(path.relative(ROOT, PRIVACY_SERVICE) + path.sep))
  // the service does call them (else this list of APIs no longer matches what the app uses)
  expect(inService.length).toBeGreaterThan(0)
  expect(uses.filter((u) => !inService.includes(u)).map((u) => `${u.file}:${u.line} ${u.what}`)).toEqual([])
})
