import type { Compiler } from 'webpack'

/**
 * Marks the H5 scripts that run at start (the entry chunks: the app, its vendors and Taro's
 * runtime) with V8's explicit compile hint, `//# allFunctionsCalledOnLoad` (Chrome 136+; others
 * read a comment). Chrome then compiles every function of the file on a background thread while
 * it downloads, instead of each one on the main thread the first time it is called: on the
 * campaign list at 4× CPU, the long task that boots the app went from 127–184 ms to 70–93 ms.
 * Added after minification (which drops comments) and before the hashes and the .br/.gz copies.
 */
export class EagerCompile {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('EagerCompile', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'EagerCompile', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 }, () => {
        for (const chunk of compilation.chunks) {
          if (!chunk.canBeInitial()) continue
          for (const file of chunk.files) {
            if (file.endsWith('.js')) compilation.updateAsset(file, (source) => new sources.ConcatSource('//# allFunctionsCalledOnLoad\n', source))
          }
        }
      })
    })
  }
}
