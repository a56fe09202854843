/**
 * Draft saves under load, the server killed with SIGKILL in the middle, restarted at once on
 * the same data, and every acknowledged save looked for. Used by `bench:durability` (long
 * load) and by the crash test in `npm test` (short load).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './ports'
import { startProduct } from './product'
import { signInOverHttp } from './http-session'

/** The Chongqing campaign allows ten demands per enterprise. */
const DEMANDS = 10

async function json(res: Response) {
  const text = await res.text()
  return text ? JSON.parse(text) : null
}

export interface CrashOutcome {
  demands: number
  acknowledged: number
  /** Demands whose latest acknowledged save is there after the restart. */
  found: number
  lost: number
  /** PGlite only: what a second process got when it tried the same data folder meanwhile. */
  secondStart: string | null
}

/** `databaseUrl` empty: embedded PGlite in a fresh folder that survives the crash. */
export async function crashAndRestart(loadMs: number, databaseUrl = ''): Promise<CrashOutcome> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'durability-'))
  const env = { DATABASE_URL: databaseUrl, H5_DIR: path.join(dataDir, 'no-h5') }
  // The same ports after the restart: users are known by the identity provider's issuer URL.
  const opts = { dataDir, port: await freePort(), idpPort: await freePort() }
  let product = await startProduct(env, opts)
  const { token } = await signInOverHttp(product.url, 'ent-zhixin')
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` }
  await fetch(`${product.url}/api/profile`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ enterpriseName: '重庆智芯微电子有限公司', creditCode: '91500108576231840F', contactName: '张明', mobile: '13800138000', unitType: 'enterprise' })
  })
  const demands: Array<{ id: string; version: number; acked: { version: number; marker: string } | null }> = []
  for (let i = 0; i < DEMANDS; i++) {
    const d = await json(await fetch(`${product.url}/api/campaigns/cq-2026-key-areas-demo/demands`, { method: 'POST', headers, body: '{}' }))
    if (!d?.id) throw new Error('could not start a demand: ' + JSON.stringify(d))
    demands.push({ id: d.id, version: d.version, acked: null })
  }

  let acknowledged = 0
  let running = true
  const url = product.url
  const worker = async (d: (typeof demands)[number]) => {
    while (running) {
      const marker = crypto.randomBytes(8).toString('hex')
      try {
        const res = await fetch(`${url}/api/demands/${d.id}/draft`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ baseVersion: d.version, answers: { demandName: `保存 ${marker}` }, currentStep: 'basic' })
        })
        if (res.status !== 200) continue
        const { version } = await json(res)
        d.version = version
        d.acked = { version, marker }
        acknowledged++
      } catch {
        return // the server is gone
      }
    }
  }
  const workers = demands.map(worker)
  // A second process on the same folder while the first lives is refused (PGlite only).
  const secondStart = databaseUrl
    ? null
    : await startProduct(env, { dataDir }).then(
        async (p) => (await p.close(), 'started'),
        (err: Error) => err.message
      )
  await new Promise((r) => setTimeout(r, loadMs))
  await product.crash()
  running = false
  await Promise.all(workers)

  product = await startProduct(env, opts)
  const { token: token2 } = await signInOverHttp(product.url, 'ent-zhixin')
  let found = 0
  let lost = 0
  for (const d of demands) {
    if (!d.acked) continue
    const now = await json(await fetch(`${product.url}/api/demands/${d.id}`, { headers: { authorization: `Bearer ${token2}` } }))
    if (now.version >= d.acked.version && (now.version > d.acked.version || now.answers.demandName === `保存 ${d.acked.marker}`)) found++
    else lost++
  }
  await product.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
  return { demands: demands.length, acknowledged, found, lost, secondStart }
}
