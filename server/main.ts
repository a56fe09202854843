/**
 * Starts the product: the configuration first (production mode refuses an unsafe one, before
 * any of the server's code is loaded, so a refusal answers at once), then server/start.ts.
 */
import { loadConfig, productionProblems } from './config'

async function main() {
  const config = loadConfig()
  const problems = productionProblems(process.env, config)
  if (problems.length) {
    console.error(
      ['生产模式（NODE_ENV 不是 development 或 test）拒绝启动，请先处理：', ...problems.map((p, i) => `  ${i + 1}. ${p}`), '开发体验请用 npm start（NODE_ENV=development）。'].join('\n')
    )
    process.exit(1)
  }
  const { start } = await import('./start')
  await start(config)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
