/**
 * `npm run bench:durability`: draft saves under load, the server killed with SIGKILL in the
 * middle, restarted on the same data, and every acknowledged save looked for.
 * Embedded PGlite by default (the folder survives the crash); DURABILITY_DATABASE_URL for a
 * PostgreSQL server. Prints saves acknowledged and saves found.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../support/idp'
import { startProduct, type Product } from '../support/product'
import { loginAtProvider } from '../support/sign-in'

/** The Chongqing campaign allows ten demands per enterprise. */
const DEMANDS = 10
const LOAD_MS = Number(process.env.DURABILITY_LOAD_MS ?? 8000)
const databaseUrl = process.env.DURABILITY_DATABASE_URL ?? ''

async function json(res: Response) {
  const text = await res.text()
  return text ? JSON.parse(text) : null
}

/** Signs in through the local provider as a browser would (the product is a separate process). */
async function signIn(product: Product): Promise<string> {
  const start = await fetch(`${product.url}/api/auth/oidc/start?client=mp`, { redirect: 'manual' })
  const back = await loginAtProvider(start.headers.get('location')!, 'ent-zhixin', product.url)
  const page = await (await fetch(back)).text()
  const code = decodeURIComponent(/handoff=([^"&\\]+)/.exec(page)![1])
  return (await json(await fetch(`${product.url}/api/auth/handoff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }))).token
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'durability-'))
  const env = { DATABASE_URL: databaseUrl }
  // The same ports after the restart: users are known by the identity provider's issuer URL.
  const opts = { dataDir, port: await freePort(), idpPort: await freePort() }
  let product = await startProduct(env, opts)
  const token = await signIn(product)
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
  await new Promise((r) => setTimeout(r, LOAD_MS))
  await product.crash()
  running = false
  await Promise.all(workers)

  product = await startProduct(env, opts)
  const token2 = await signIn(product)
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
  console.log(
    `\nDurability (${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, ${demands.length} demands, SIGKILL after ${LOAD_MS} ms of saves): ` +
      `saves acknowledged ${acknowledged}; latest acknowledged save per demand found ${found} of ${found + lost}; lost ${lost}`
  )
  if (lost) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
