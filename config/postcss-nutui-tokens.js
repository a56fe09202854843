/**
 * NutUI's stylesheets read every value through its design tokens with the default beside it,
 * often two deep: `var(--nutui-button-default-height, 64rpx)`,
 * `var(--nutui-button-primary-border-color, var(--nutui-color-primary, #ff0f23))`. A token that
 * nothing sets always yields its default, so in the mini-program builds (config/index.ts
 * mini.postcss) such a `var(…)` is replaced by the default it would yield. A token counts as set
 * when the app's sources mention it anywhere (src/: stylesheets, inline styles), when NutUI's
 * scripts mention it (inline styles) or when one of NutUI's stylesheets declares it; those stay
 * as they are, so theming and care mode work as before (≈ 3.5 KB of the weapp main package).
 */
const fs = require('node:fs')
const path = require('node:path')

const TOKEN = /--nutui-[\w-]+/g
const NUTUI = path.dirname(require.resolve('@nutui/nutui-react-taro/package.json'))

function filesUnder(dir, ext) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return filesUnder(p, ext)
    return ext.test(e.name) ? [p] : []
  })
}

/** The tokens something may set: see above. */
function setTokens() {
  const set = new Set()
  const add = (text, re) => {
    for (const m of text.matchAll(re)) set.add(m[1] ?? m[0])
  }
  for (const f of filesUnder(path.resolve(__dirname, '../src'), /\.(scss|css|tsx?)$/)) add(fs.readFileSync(f, 'utf8'), TOKEN)
  for (const f of filesUnder(path.join(NUTUI, 'dist/es'), /\.js$/)) add(fs.readFileSync(f, 'utf8'), TOKEN)
  for (const f of filesUnder(path.join(NUTUI, 'dist/es/packages'), /\.css$/)) add(fs.readFileSync(f, 'utf8'), /(--nutui-[\w-]+)\s*:/g)
  return set
}

/** `value` with every `var(--nutui-x, default)` of a token nobody sets replaced by its default. */
function resolveUnset(value, isSet) {
  let out = ''
  let i = 0
  for (;;) {
    const start = value.indexOf('var(--nutui-', i)
    if (start < 0) return out + value.slice(i)
    out += value.slice(i, start)
    let depth = 0
    let end = start
    for (; end < value.length; end++) {
      if (value[end] === '(') depth++
      else if (value[end] === ')' && --depth === 0) break
    }
    const inner = value.slice(start + 4, end)
    const comma = inner.indexOf(',')
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim()
    const fallback = comma < 0 ? null : resolveUnset(inner.slice(comma + 1).trim(), isSet)
    out += fallback !== null && !isSet(name) ? fallback : `var(${name}${fallback === null ? '' : `,${fallback}`})`
    i = end + 1
  }
}

function nutuiTokens() {
  let set
  return {
    postcssPlugin: 'nutui-tokens',
    Once(root) {
      if (!/[\\/]@nutui[\\/]/.test(root.source?.input.file ?? '')) return
      set ??= setTokens()
      root.walkDecls((decl) => {
        if (decl.value.includes('var(--nutui-')) decl.value = resolveUnset(decl.value, (name) => set.has(name))
      })
    }
  }
}
nutuiTokens.postcss = true

module.exports = nutuiTokens
