import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import { EagerCompile } from './eager-compile'
import { Precompress } from './precompress'
import { RouteAssets } from './route-assets'
import prodConfig from './prod'

/**
 * Taro build configuration for weapp, alipay and h5.
 * Output goes to dist/<platform>. The API base for mini-program builds comes from
 * TARO_APP_API_BASE at build time; H5 is served by our server, so it calls /api on
 * the same origin ('').
 */
/**
 * terser for the mini-program builds. Taro's defaults for them turn most of terser's compression off
 * (no inlining, no reduce_vars, no collapse_vars, …), print ES5 and escape every non-ASCII character
 * (each Chinese character 6 bytes as \uXXXX instead of 3 in UTF-8). WeChat and Alipay read UTF-8
 * sources and run ES2017 (iOS 12+, babel.config.js), so: terser's own defaults, ES2017, UTF-8.
 * `typeofs` stays off as Taro has it (typeof checks of platform globals).
 */
const MINI_TERSER = {
  compress: {
    ecma: 2017,
    passes: 2,
    arrows: true,
    collapse_vars: true,
    comparisons: true,
    computed_props: true,
    hoist_props: true,
    inline: true,
    loops: true,
    negate_iife: true,
    properties: true,
    reduce_funcs: true,
    reduce_vars: true,
    switches: true,
    directives: true
  },
  output: { ecma: 2017, ascii_only: false }
}

/** axios's XMLHttpRequest and fetch adapters, never run: every build sends through Taro.request (src/services/http.ts). */
const AXIOS_ADAPTERS: [RegExp, string] = [/axios[\\/]lib[\\/]adapters[\\/](xhr|fetch)\.js$/, path.resolve(__dirname, 'shims/axios-adapter.js')]
/** axios's CancelToken, HttpStatusCode table and FormData → JSON: unreached in the mini-program builds (config/shims/axios-unused.js). */
const AXIOS_UNUSED: [RegExp, string] = [/axios[\\/]lib[\\/](cancel[\\/]CancelToken|helpers[\\/](HttpStatusCode|formDataToJSON))\.js$/, path.resolve(__dirname, 'shims/axios-unused.js')]

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp'
  const apiBase = platform === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://localhost:3000').replace(/\/$/, '')

  // The shared contract lives outside src; compile it like our own sources.
  const sharedTypes = path.resolve(__dirname, '..', 'types')

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tech-demand-collection',
    date: '2025-1-1',
    // NutUI is written against a 375 px design, our own styles against 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // OUTPUT_ROOT: build beside dist/ (e.g. a benchmark's build while the tests use dist/).
    outputRoot: `${process.env.OUTPUT_ROOT ?? 'dist'}/${platform}`,
    plugins: ['@tarojs/plugin-platform-alipay'],
    defineConstants: {},
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase)
    },
    // H5: the favicon, and the tab bar icons the server inlines into the first paint (server/first-paint.ts)
    copy: {
      patterns:
        platform === 'h5'
          ? [
              { from: 'src/assets/favicon.svg', to: `${process.env.OUTPUT_ROOT ?? 'dist'}/h5/favicon.svg` },
              { from: 'src/assets/tabbar/', to: `${process.env.OUTPUT_ROOT ?? 'dist'}/h5/tabbar/` }
            ]
          : [],
      options: {}
    },
    // lodash.kebabcase (NutUI's ConfigProvider) replaced by a few lines: config/shims/kebab-case.js
    alias: { 'lodash.kebabcase': path.resolve(__dirname, 'shims/kebab-case.js') },
    framework: 'react',
    compiler: 'webpack5',
    ...(platform === 'h5' ? {} : { terser: { enable: true, config: MINI_TERSER } }),
    cache: { enable: false },
    mini: {
      compile: { include: [sharedTypes] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        // NutUI ships its CSS prefixed for old browsers (-ms-, -webkit- flex); the mini-programs'
        // web views (iOS 12+, recent Chromium) need none of that: autoprefixer removes it (≈ 20 % of the CSS).
        autoprefixer: { enable: true, config: { overrideBrowserslist: ['ios >= 12', 'chrome >= 66'] } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
        // NutUI's rules for variants the app never renders (≈ 12 KB of the main package's CSS)
        [path.resolve(__dirname, 'postcss-nutui-unused.js')]: { enable: true },
        // NutUI's `var(--nutui-…, default)` for tokens nothing sets: the default itself
        [path.resolve(__dirname, 'postcss-nutui-tokens.js')]: { enable: true }
      },
      // Modules that only subpackages use go into those subpackages (their sub-common chunks), not
      // into the main package.
      optimizeMainPackage: { enable: true },
      // Code no mini-program build can reach, replaced by stubs (config/shims): axios's XMLHttpRequest
      // and fetch adapters (requests go through Taro.request, src/services/http.ts), its CancelToken,
      // HttpStatusCode and FormData → JSON, and Taro's HTML parser (innerHTML is off: runtime below).
      webpackChain(chain, webpack) {
        // NutUI's icon index only re-exports the icon files, but its package.json says it has side
        // effects: webpack then keeps every icon the app uses in one module, so the icons of the
        // subpackages' dialogs and toasts rode in the main package. Without the flag each icon
        // goes where it is used.
        chain.module.rule('nutui-icons-index').test(/@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/).set('sideEffects', false)
        chain.plugin('axios-adapters').use(webpack.NormalModuleReplacementPlugin, AXIOS_ADAPTERS)
        chain.plugin('axios-unused').use(webpack.NormalModuleReplacementPlugin, AXIOS_UNUSED)
        chain.plugin('html-parser').use(webpack.NormalModuleReplacementPlugin, [/@tarojs[\\/]runtime[\\/]dist[\\/]dom-external[\\/]inner-html[\\/]parser\.js$/, path.resolve(__dirname, 'shims/taro-html-parser.js')])
      },
      // No HTML strings are rendered (no dangerouslySetInnerHTML, no @tarojs/plugin-html).
      runtime: { enableInnerHTML: false }
    },
    h5: {
      compile: { include: [sharedTypes] },
      publicPath: '/',
      staticDirectory: 'static',
      // H5_SOURCE_MAP=1: source maps beside the scripts, to see what a chunk is made of
      ...(process.env.H5_SOURCE_MAP ? { enableSourceMap: true, sourceMapType: 'source-map' } : {}),
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      // Taro splits only initial chunks on H5, so every page chunk carried its own copy of
      // NutUI, axios and the shared components. Split async chunks too, but not below webpack's
      // own 20 KB (Taro's minSize 0 made the wizard 30 scripts of 1-7 KB), and into at most four
      // scripts per page: over HTTP/1.1 a browser fetches six at a time, and a cold wizard step
      // waits on the app's scripts, its page's and three API answers (14 files: 3.6 s to its LCP in
      // Lighthouse's devtools throttling, 8: 3.0 s; all pages' scripts 510 → 589 KB Brotli).
      webpackChain(chain, webpack) {
        const splitChunks = chain.optimization.get('splitChunks')
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 20000, maxAsyncRequests: 4 })
        chain.plugin('precompress').use(Precompress)
        chain.plugin('route-assets').use(RouteAssets)
        chain.plugin('eager-compile').use(EagerCompile)
        // axios's own adapters, and what Taro's H5 request brings for browsers older than ES2017
        // and for JSONP, are never run (≈ 40 KB)
        chain.plugin('axios-adapters').use(webpack.NormalModuleReplacementPlugin, AXIOS_ADAPTERS)
        chain.plugin('no-polyfill').use(webpack.NormalModuleReplacementPlugin, [/^(whatwg-fetch|jsonp-retry)$/, path.resolve(__dirname, 'shims/no-polyfill.js')])
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      }
    }
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
