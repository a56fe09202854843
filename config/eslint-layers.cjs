/**
 * ESLint rule `layers/imports`: the import directions this code base means, checked on the
 * resolved path of every relative import (import, export … from, import(), require()).
 *
 *   app:    pages (src/pages, src/packages) → features → components → services → types
 *           a feature enters another feature, and a page enters a feature, only through an
 *           entry: the feature's index or the index of one of its folders (./thread, ./api),
 *           kept apart so a subpackage's code stays out of the main package
 *   server: routes → domain modules (server/*) → db (server/db) → types; nothing but the
 *           wiring (server/app.ts, main.ts, start.ts) imports a route
 *   shared: types/ imports only types/ (it is pure); campaigns/ only types/
 *   nobody outside test/ (and the root's tool configs) imports test/; the app never imports the
 *   server, nor the server the app; the build config (config/) imports only itself
 */
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')

/** The layer of a file (path relative to the root, with forward slashes). */
function layerOf(rel) {
  const p = rel.split('/')
  if (p[0] === 'src') {
    if (p[1] === 'pages' || p[1] === 'packages') return { name: 'page' }
    if (p[1] === 'features') return { name: 'feature', feature: p[2], inner: p.slice(3) }
    if (p[1] === 'components' || p[1] === 'services' || p[1] === 'assets') return { name: p[1] }
    return { name: 'app-root' }
  }
  if (p[0] === 'server') {
    if (p[1] === 'routes') return { name: 'route' }
    if (p[1] === 'db') return { name: 'db' }
    if (p.length === 2 && ['app.ts', 'main.ts', 'start.ts'].includes(p[1])) return { name: 'server-wiring' }
    return { name: 'domain' }
  }
  return { name: p[0] } // types, campaigns, test, config, …
}

/** A feature's entry: the feature folder or one folder inside it, reached through its index. */
function isEntry(feature, inner) {
  const segments = inner[inner.length - 1]?.replace(/\.(tsx?|jsx?)$/, '') === 'index' ? inner.slice(0, -1) : inner
  if (segments.length === 0) return true
  if (segments.length > 1) return false
  return fs.statSync(path.join(ROOT, 'src/features', feature, segments[0]), { throwIfNoEntry: false })?.isDirectory() === true
}

const ALLOWED = {
  page: ['page', 'feature', 'components', 'services', 'assets', 'types'],
  feature: ['feature', 'components', 'services', 'assets', 'types'],
  components: ['components', 'services', 'assets', 'types'],
  services: ['services', 'types'],
  assets: ['assets'],
  'app-root': ['app-root', 'page', 'feature', 'components', 'services', 'assets', 'types'],
  route: ['route', 'domain', 'types', 'campaigns'],
  domain: ['domain', 'db', 'types', 'campaigns'],
  db: ['db', 'types'],
  'server-wiring': ['server-wiring', 'route', 'domain', 'db', 'types', 'campaigns'],
  types: ['types'],
  campaigns: ['campaigns', 'types'],
  config: ['config']
}

function problem(from, to, target) {
  const allowed = ALLOWED[from.name]
  if (!allowed) return null // test/ and the root's tool configs: anything
  if (to.name === 'test') return '只有测试可以引用 test/ 下的文件'
  if (!allowed.includes(to.name)) return `${from.name} 层不能引用 ${to.name} 层（${target}）`
  if (to.name === 'feature' && !(from.name === 'feature' && from.feature === to.feature) && !isEntry(to.feature, to.inner)) {
    return `只能通过入口（index）引用功能模块 ${to.feature}，不能直接引用其内部文件（${target}）`
  }
  return null
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import directions between the layers of app, server and shared types' },
    schema: [],
    messages: { layer: '{{message}}' }
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/')
    if (file.startsWith('..')) return {}
    const from = layerOf(file)
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), source)).split(path.sep).join('/')
      const message = problem(from, layerOf(target), target)
      if (message) context.report({ node, messageId: 'layer', data: { message } })
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value)
        }
      }
    }
  }
}

/*
 * ESLint rule `layers/no-cycle`: no module of server/, src/, types/ or campaigns/ reaches itself
 * through relative imports (import, export … from, import(), require()). Reported on the
 * import that closes the loop, with the loop spelled out. Type-only imports count (a route
 * importing `type Deps` from the app that imports the route is a loop), except between the
 * shared types/ files, whose interfaces may name one another.
 * The other files' imports are read from disk (kept by modification time); the linted file's
 * from its syntax tree.
 */
const CYCLE_SCOPES = ['server', 'src', 'types', 'campaigns']
const SCRIPT = /\.(tsx?|jsx?|cjs|mjs)$/
const inScope = (root, file) => {
  const rel = path.relative(root, file).split(path.sep)
  return !rel[0].startsWith('..') && CYCLE_SCOPES.includes(rel[0])
}
const inTypes = (root, file) => path.relative(root, file).split(path.sep)[0] === 'types'

/** The script file a relative specifier names, or null (a style sheet, an asset, a missing file). */
function resolveImport(from, spec) {
  const base = path.resolve(path.dirname(from), spec)
  const candidates = SCRIPT.test(base) ? [base] : ['.ts', '.tsx', '.js', '.cjs', '.mjs'].flatMap((e) => [base + e, path.join(base, 'index' + e)])
  for (const c of candidates) {
    try {
      if (fs.statSync(c, { throwIfNoEntry: false })?.isFile()) return c
    } catch {
      /* a path through a file (app.scss/index.ts): not this one */
    }
  }
  return null
}

const IMPORT_RE = /(?:^|[;\s])(import|export)\s+([^'";]*?)\s*from\s*['"](\.[^'"]*)['"]|(?:^|[;\s])import\s*['"](\.[^'"]*)['"]|(?:\bimport|\brequire)\(\s*['"](\.[^'"]*)['"]\s*\)/g

/** `type X`, `{ type A, type B }`: nothing of it exists at run time. */
function typeOnlyClause(clause) {
  const c = clause.trim()
  if (/^type\s/.test(c)) return true
  const braces = /^\{([^}]*)\}$/.exec(c)
  if (!braces) return false
  const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean)
  return names.length > 0 && names.every((n) => /^type\s/.test(n))
}

const edgeCache = new Map()

/** The relative imports of a file on disk: [{ target, typeOnly }]. */
function importsOnDisk(file) {
  const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs
  if (mtime === undefined) return []
  const kept = edgeCache.get(file)
  if (kept && kept.mtime === mtime) return kept.edges
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
  const edges = []
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[3] ?? m[4] ?? m[5]
    const target = resolveImport(file, spec)
    if (target) edges.push({ target, typeOnly: m[3] !== undefined && typeOnlyClause(m[2]) })
  }
  edgeCache.set(file, { mtime, edges })
  return edges
}

/** A path of imports from `start` back to `home`, or null. */
function pathBack(root, start, home) {
  const seen = new Set([start])
  const stack = [[start, [start]]]
  while (stack.length) {
    const [file, trail] = stack.pop()
    for (const { target, typeOnly } of importsOnDisk(file)) {
      if (typeOnly && inTypes(root, file)) continue
      if (target === home) return trail
      if (seen.has(target) || !inScope(root, target)) continue
      seen.add(target)
      stack.push([target, [...trail, target]])
    }
  }
  return null
}

const cycleRule = {
  meta: {
    type: 'problem',
    docs: { description: 'No module reaches itself through its relative imports' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: '循环引用：{{loop}}' }
  },
  create(context) {
    const root = context.options[0]?.root ?? ROOT
    const home = context.filename
    if (!inScope(root, home)) return {}
    const rel = (f) => path.relative(root, f).split(path.sep).join('/')
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      if (typeOnly && inTypes(root, home)) return
      const target = resolveImport(home, spec)
      if (!target || !inScope(root, target)) return
      const trail = target === home ? [] : pathBack(root, target, home)
      if (trail) context.report({ node, messageId: 'cycle', data: { loop: [home, ...trail, home].map(rel).join(' → ') } })
    }
    const declTypeOnly = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'))
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value, declTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value, declTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node.source, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value, false),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value, false)
        }
      }
    }
  }
}

module.exports = { rules: { imports: rule, 'no-cycle': cycleRule }, layerOf, problem }
