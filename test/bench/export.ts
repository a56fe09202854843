/**
 * Summary sheet export benchmark: `npx tsx test/bench/export.ts [count]`.
 * Seeds `count` (default 10,000) recommended demands over every recommending unit of the
 * Chongqing campaign with SQL, starts the server in a process of its own
 * (test/bench/export-server.ts), and the bureau downloads the whole 汇总表 from it over HTTP;
 * the download goes to a temporary file, opened and counted only after measuring.
 *
 * What it reports, all of the server process alone (the benchmark's own memory, seeding and
 * download are not in it):
 * - time: from sending the request to the last byte on disk;
 * - CPU time: user + system of every thread of the server process during the export (Node's
 *   thread pool compresses the zip), from /proc/<pid>/stat;
 * - RSS: the server's resident memory before the request (after starting, no request served
 *   yet) and its peak during the export: the kernel's high-water mark (VmHWM of
 *   /proc/<pid>/status), reset to the current RSS just before the request (clear_refs), so no
 *   short peak falls between samples;
 * - the machine's load average, as the time depends on it.
 * Targets (issue 14): ≤ 5 s, peak RSS ≤ 200 MB, whatever the count. Exits 1 when a target is
 * missed or the sheet lacks rows. On the PostgreSQL server of TEST_DATABASE_URL, DATABASE_URL or
 * the local one (a private schema). BENCH_PORT: the server's port (any free one when unset).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import ExcelJS from 'exceljs'
import { seedAccount } from '../support/seed-demands'
import { BENCH_NOW } from './app'
import { CQ, CQ_DEF, loadavg, mb, openBenchDb, seedDemands } from './support'

const TARGET_MS = 5_000
const TARGET_RSS = 200 * 1024 * 1024
const count = Number(process.argv[2] ?? 10_000)
const TICKS_PER_SECOND = 100 // USER_HZ of /proc/<pid>/stat on Linux

/** The server process as the kernel sees it: resident memory, its high-water mark, CPU time. */
const proc = (pid: number) => ({
  status(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024
    return { rss: kb('VmRSS'), peak: kb('VmHWM') }
  },
  /** The peak so far forgotten: from now on VmHWM is the highest RSS since this call. */
  resetPeak: () => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'),
  cpuMs(): number {
    // after the command's closing parenthesis: state is field 3, utime 14 and stime 15
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  }
})

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(__dirname, 'export-server.ts'), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl }
  })
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('the server did not start')))])) as [
    { url: string }
  ]
  return { child, url: message.url }
}

async function main() {
  const db = await openBenchDb()
  let child: ChildProcess | null = null
  const file = path.join(os.tmpdir(), `bench-export-${process.pid}.xlsx`)
  try {
    const t0 = Date.now()
    const units = CQ_DEF.recommenders.units.map((u) => u.id)
    await seedDemands(db, { count, units, statuses: ['recommended'] })
    console.log(`seeded ${count} recommended demands over ${units.length} units in ${Date.now() - t0} ms (${db.kind})`)
    const bureau = await seedAccount(db, BENCH_NOW, { role: 'bureau', unit: CQ_DEF.issuer })
    const server = await startServer(db.connectionString!)
    child = server.child
    const serverProc = proc(child.pid!)

    const loadBefore = loadavg()
    const before = serverProc.status()
    serverProc.resetPeak()
    const cpuBefore = serverProc.cpuMs()
    const start = process.hrtime.bigint()
    const res = await fetch(`${server.url}/api/recommend/campaigns/${CQ}/export`, { headers: { authorization: `Bearer ${bureau.token}` } })
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`)
    await pipeline(Readable.fromWeb(res.body as never), fs.createWriteStream(file))
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    const cpu = serverProc.cpuMs() - cpuBefore
    const { peak } = serverProc.status()

    // Check what was sent (after measuring): every demand, one row each, after title and header.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const rows = wb.getWorksheet('汇总表')!.actualRowCount - 2

    console.log(`export of ${count} demands (bureau, all units): ${ms.toFixed(0)} ms, ${mb(fs.statSync(file).size)} xlsx, ${rows} rows`)
    // less sensitive to a busy machine than the time
    console.log(`server CPU time during export: ${cpu.toFixed(0)} ms`)
    console.log(`server RSS: before ${mb(before.rss)}, peak during export ${mb(peak)} (+${mb(peak - before.rss)})`)
    console.log(`targets: time ≤ ${TARGET_MS} ms ${ms <= TARGET_MS ? 'met' : 'MISSED'}; peak RSS ≤ ${mb(TARGET_RSS)} ${peak <= TARGET_RSS ? 'met' : 'MISSED'}`)
    console.log(`machine: ${os.cpus().length} CPUs, load average ${loadBefore} before, ${loadavg()} after (1 / 5 / 15 min)`)
    process.exitCode = ms <= TARGET_MS && peak <= TARGET_RSS && rows === count ? 0 : 1
  } finally {
    if (child?.connected) {
      child.disconnect()
      await once(child, 'exit')
    }
    fs.rmSync(file, { force: true })
    await db.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
