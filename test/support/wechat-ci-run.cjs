#!/usr/bin/env node
/**
 * WeChat's own compiler and code-quality audit (miniprogram-ci, extracted from WeChat DevTools)
 * on a built weapp folder, offline: `node test/support/wechat-ci-run.cjs dist/weapp` prints one
 * JSON line { files, checks } or { error } (exit 1).
 *
 * - The project's attributes (package limits and the like) normally come from WeChat's server,
 *   signed with the upload key. Here `attr()` returns WeChat's own defaults (`DefaultProjectAttr`,
 *   exported by miniprogram-ci), so no key and no network are needed; the private key is never
 *   read then, but the constructor insists on one.
 * - `getCompiledResult` compiles as an upload would, with the settings of the folder's
 *   project.config.json (minified JS, WXML, WXSS), and throws on any compile error.
 * - A child process because `checkCodeQuality` leaves a file watcher open that would keep the
 *   caller alive.
 */
const ci = require('miniprogram-ci')
const path = require('node:path')

async function main(dir) {
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: path.resolve(dir),
    privateKey: 'unused: attr() is given',
    attr: async () => ci.DefaultProjectAttr
  })
  const compiled = await ci.getCompiledResult({ project, setting: { useProjectConfig: true } })
  const files = Object.fromEntries(Object.entries(compiled).map(([name, content]) => [name, Buffer.byteLength(content)]))
  const checks = (await ci.checkCodeQuality(project)).map(({ name, success, text }) => ({ name, success, text }))
  return { files, checks }
}

main(process.argv[2] ?? 'dist/weapp').then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + '\n')
    process.exit(0)
  },
  (err) => {
    process.stdout.write(JSON.stringify({ error: String(err && err.message ? err.message : err) }) + '\n')
    process.exit(1)
  }
)
