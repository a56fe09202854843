/**
 * `npm run bench:durability`: draft saves under load, the server killed with SIGKILL in the
 * middle, restarted on the same data, and every acknowledged save looked for.
 * Embedded PGlite by default (the folder survives the crash); DURABILITY_DATABASE_URL for a
 * PostgreSQL server. Prints saves acknowledged and saves found.
 */
import { crashAndRestart } from '../support/durability'

const LOAD_MS = Number(process.env.DURABILITY_LOAD_MS ?? 8000)
const databaseUrl = process.env.DURABILITY_DATABASE_URL ?? ''

async function main() {
  const r = await crashAndRestart(LOAD_MS, databaseUrl)
  console.log(
    `\nDurability (${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, ${r.demands} demands, SIGKILL after ${LOAD_MS} ms of saves, restarted at once): ` +
      `saves acknowledged ${r.acknowledged}; latest acknowledged save per demand found ${r.found} of ${r.found + r.lost}; lost ${r.lost}` +
      (r.secondStart === null ? '' : `\nA second process on the same folder meanwhile: ${r.secondStart.split('\n').find((l) => l.includes('数据目录')) ?? r.secondStart}`)
  )
  if (r.lost || r.found === 0) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
