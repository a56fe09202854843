/**
 * The mini-program builds drop NutUI's CSS for Button types and sizes and Tag variants the app
 * never renders (config/postcss-nutui-unused.js). This holds only while src/ asks for none of
 * them: every <Button> (ours, components/button, or NutUI's) is read with the TypeScript parser,
 * and any string its `type` or `size` can take is checked against the dropped ones; NutUI's Tag
 * is not imported and no source names a dropped tag class.
 */
import fs from 'node:fs'
import path from 'node:path'
import postcss from 'postcss'
import ts from 'typescript'

const ROOT = path.join(__dirname, '../..')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nutuiUnused = require('../../config/postcss-nutui-unused.js') as postcss.PluginCreator<void> & {
  DROPPED: { buttonTypes: string[]; buttonSizes: string[]; tagClasses: string[] }
}
const { DROPPED } = nutuiUnused

function sourceFiles(dir: string, ext = /\.tsx$/): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p, ext)
    return ext.test(e.name) ? [p] : []
  })
}

/** Every string literal inside a JSX attribute's value (a literal, or any expression). */
function literalsIn(node: ts.Node): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text]
  const found: string[] = []
  node.forEachChild((child) => void found.push(...literalsIn(child)))
  return found
}

/** `type` and `size` values of every Button element in the file, with their lines. */
function buttonVariants(file: string): Array<{ prop: string; value: string; where: string }> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const out: Array<{ prop: string; value: string; where: string }> = []
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && /^(Button|NutButton)$/.test(node.tagName.getText(source))) {
      for (const attr of node.attributes.properties) {
        if (!ts.isJsxAttribute(attr) || !attr.initializer) continue
        const prop = attr.name.getText(source)
        if (prop !== 'type' && prop !== 'size') continue
        const line = source.getLineAndCharacterOfPosition(attr.getStart()).line + 1
        for (const value of literalsIn(attr.initializer)) out.push({ prop, value, where: `${path.relative(ROOT, file)}:${line}` })
      }
    }
    node.forEachChild(visit)
  }
  visit(source)
  return out
}

test('no Button in src/ asks for a type or size whose NutUI styles the mini-program builds drop', () => {
  const variants = sourceFiles(path.join(ROOT, 'src')).flatMap(buttonVariants)
  // the scan sees the app's buttons (it would pass vacuously if it found none)
  expect(variants.some((v) => v.prop === 'type' && v.value === 'primary')).toBe(true)
  const dropped = variants.filter((v) => (v.prop === 'type' ? DROPPED.buttonTypes : DROPPED.buttonSizes).includes(v.value))
  expect(dropped).toEqual([])
})

test('the plugin drops those variants from NutUI’s Button stylesheet and keeps the ones the app uses', async () => {
  const file = require.resolve('@nutui/nutui-react-taro/dist/es/packages/button/style/style.css')
  const { css } = await postcss([nutuiUnused()]).process(fs.readFileSync(file, 'utf8'), { from: file })
  for (const kept of ['.nut-button-primary', '.nut-button-danger', '.nut-button-small', '.nut-button-large', '.nut-button-outline']) expect(css).toContain(kept)
  for (const gone of [...DROPPED.buttonTypes, ...DROPPED.buttonSizes]) expect(css).not.toContain(`.nut-button-${gone}`)
})

test('no source in src/ renders NutUI’s Tag or names a tag class whose styles the mini-program builds drop', async () => {
  const uses = sourceFiles(path.join(ROOT, 'src'), /\.(tsx?|scss)$/).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8')
    const found = DROPPED.tagClasses.filter((c) => new RegExp(`\\b${c}\\b`).test(text))
    if (/import\s*{[^}]*\bTag\b[^}]*}\s*from\s*'@nutui\/nutui-react-taro'/.test(text)) found.push('NutUI Tag')
    return found.map((what) => `${path.relative(ROOT, file)}: ${what}`)
  })
  expect(uses).toEqual([])
  const file = require.resolve('@nutui/nutui-react-taro/dist/es/packages/tag/style/style.css')
  const { css } = await postcss([nutuiUnused()]).process(fs.readFileSync(file, 'utf8'), { from: file })
  for (const kept of ['.nut-tag', '.nut-tag-text', '.nut-tag-default']) expect(css).toContain(`${kept} {`)
  for (const gone of DROPPED.tagClasses) expect(css).not.toContain(`.${gone}`)
})
