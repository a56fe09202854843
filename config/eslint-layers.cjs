/**
 * ESLint rule `layers/imports`: the import directions this code base means, checked on the
 * resolved path of every relative import (import, export … from, import(), require()).
 *
 *   app:    pages (src/pages, src/packages) → features → components → services → types
 *           a feature enters another feature, and a page enters a feature, only through an
 *           entry: the feature's index or the index of one of its folders (./thread, ./api),
 *           kept apart so a subpackage's code stays out of the main package
 *   server: routes → domain modules (server/*) → db (server/db) → types; nothing but the
 *           wiring (server/app.ts, server/main.ts) imports a route
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
    if (p.length === 2 && (p[1] === 'app.ts' || p[1] === 'main.ts')) return { name: 'server-wiring' }
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

module.exports = { rules: { imports: rule }, layerOf, problem }
