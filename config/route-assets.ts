import type { Compiler } from 'webpack'

/** What the server reads (server/first-paint.ts ROUTE_ASSETS_FILE). */
const FILE = 'route-assets.json'

/**
 * Writes route-assets.json beside the H5 build's index.html: for each page that the router
 * loads on demand (its route, as in app.config.ts), the scripts and stylesheets it fetches
 * before it can show that page. The server's first screen asks for them while the app's own
 * scripts download, instead of after them (server/first-paint.ts).
 */
export class RouteAssets {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('RouteAssets', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'RouteAssets', stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const publicPath = typeof compilation.outputOptions.publicPath === 'string' ? compilation.outputOptions.publicPath : '/'
        const routes: Record<string, string[]> = {}
        for (const group of compilation.chunkGroups) {
          // Taro's router imports each page as './<route>'
          const route = group.origins.map((o) => /^\.\/((?:pages|packages)\/.+\/index)$/.exec(o.request ?? '')?.[1]).find(Boolean)
          const files = group.getFiles().filter((f) => /\.(js|css)$/.test(f))
          if (!group.isInitial() && route && files.length) routes[route] = files.map((f) => publicPath + f)
        }
        compilation.emitAsset(FILE, new sources.RawSource(JSON.stringify(routes)))
      })
    })
  }
}
