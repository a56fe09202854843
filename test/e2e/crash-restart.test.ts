/**
 * kill -9 → restart → every acknowledged save is there. The real server process on embedded
 * PGlite takes draft saves from ten writers, a second process is refused the same folder
 * meanwhile, the server is killed with SIGKILL and started again at once on the same data.
 * (`npm run bench:durability` runs the same with a longer load.)
 */
import { crashAndRestart } from '../support/durability'

it('loses no acknowledged save to a SIGKILL, and starts again at once on the same folder', async () => {
  const r = await crashAndRestart(1500)
  expect(r.secondStart).toMatch(/数据目录 .* 正被进程 \d+ 使用；嵌入式数据库不能由两个进程同时打开/)
  expect(r.acknowledged).toBeGreaterThan(0)
  expect(r.found).toBe(r.demands)
  expect(r.lost).toBe(0)
}, 180_000)
