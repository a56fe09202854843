/**
 * Summary sheet export benchmark: `npx tsx test/bench/export.ts [count]`.
 * Seeds `count` (default 10,000) recommended demands over every recommending unit of the
 * Chongqing campaign with SQL, then the bureau downloads the whole 汇总表 over HTTP from the
 * running server. Reports the time to the last byte and the process's peak RSS (sampled
 * every 5 ms during the export, and the kernel's max RSS). Targets: ≤ 5 s, ≤ 200 MB (issue 14).
 * Exits 1 when a target is missed. On the PostgreSQL server of TEST_DATABASE_URL, DATABASE_URL or the local one (a private schema).
 */
import os from 'node:os'
import ExcelJS from 'exceljs'
import { seedAccount } from '../support/seed-demands'
import { CQ, CQ_DEF, mb, seedDemands, startBenchServer } from './support'

const TARGET_MS = 5_000
const TARGET_RSS = 200 * 1024 * 1024
const count = Number(process.argv[2] ?? 10_000)

async function main() {
  const s = await startBenchServer()
  try {
    const t0 = Date.now()
    const units = CQ_DEF.recommenders.units.map((u) => u.id)
    await seedDemands(s.db, { count, units, statuses: ['recommended'] })
    console.log(`seeded ${count} recommended demands over ${units.length} units in ${Date.now() - t0} ms (${s.db.kind})`)
    const bureau = await seedAccount(s.db, s.now, { role: 'bureau', unit: CQ_DEF.issuer })
    const url = await s.app.listen({ port: 0, host: '127.0.0.1' })
    global.gc?.()

    const baseline = process.memoryUsage().rss
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    const start = process.hrtime.bigint()
    const cpuBefore = process.cpuUsage()
    const res = await fetch(`${url}/api/recommend/campaigns/${CQ}/export`, { headers: { authorization: `Bearer ${bureau.token}` } })
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`)
    const chunks: Buffer[] = []
    let bytes = 0
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk))
      bytes += chunk.length
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    const cpu = process.cpuUsage(cpuBefore)
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    const maxRss = process.resourceUsage().maxRSS * 1024

    // Check what was sent (after measuring): every demand, one row each, after title and header.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
    const rows = wb.getWorksheet('汇总表')!.actualRowCount - 2

    console.log(`export of ${count} demands (bureau, all units): ${ms.toFixed(0)} ms, ${mb(bytes)} xlsx, ${rows} rows`)
    // CPU time of this process (server and download), less sensitive to a busy machine than the time
    console.log(`CPU time during export: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`)
    console.log(`RSS: before ${mb(baseline)}, peak during export ${mb(peak)}, process max ${mb(maxRss)}`)
    console.log(`targets: time ≤ ${TARGET_MS} ms ${ms <= TARGET_MS ? 'met' : 'MISSED'}; peak RSS ≤ ${mb(TARGET_RSS)} ${peak <= TARGET_RSS ? 'met' : 'MISSED'}`)
    console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`)
    process.exitCode = ms <= TARGET_MS && peak <= TARGET_RSS && rows === count ? 0 : 1
  } finally {
    await s.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
