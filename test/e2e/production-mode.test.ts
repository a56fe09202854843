/**
 * Production mode, as a bureau deploys it: the real server process with NODE_ENV=production and
 * only the real variables (a government identity provider of its own, the platforms' real
 * addresses and keys, an https PUBLIC_URL). No development part runs: the platform fakes answer
 * 404, nothing listens on the local provider's port, no 【演示】 campaign is listed. And each
 * unsafe setting alone makes the start refuse, naming it.
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startIdp, type RunningIdp } from '../support/idp'
import { freePort } from '../support/ports'
import { startProduct, type Product } from '../support/product'

const ROOT = path.join(__dirname, '../..')
const PUBLIC_URL = 'https://xuqiu.kjj.example.gov.cn'

let idp: RunningIdp
let real: Record<string, string>

beforeAll(async () => {
  idp = await startIdp([`${PUBLIC_URL}/api/auth/oidc/callback`])
  const pem = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
  const [app, alipay] = [pem(), pem()]
  real = {
    NODE_ENV: 'production',
    PUBLIC_URL,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    WECHAT_APPID: 'wx8f3a2c1d9e7b6a54',
    WECHAT_SECRET: crypto.randomBytes(16).toString('hex'),
    ALIPAY_GATEWAY: 'https://openapi.alipay.com/gateway.do',
    ALIPAY_APP_ID: '2021004123456789',
    ALIPAY_PRIVATE_KEY: app.privateKey,
    ALIPAY_PUBLIC_KEY: alipay.publicKey,
    // one process on this test machine: the embedded database, opted into explicitly
    ALLOW_EMBEDDED_DB: 'true',
    DEMO_SEED: ''
  }
}, 60_000)
afterAll(() => idp?.close())

/** Environment for the server with only what `extra` sets on top of nothing of this process's own configuration. */
function serverEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v
  return env
}

/** Starts the server and waits for it to exit by itself (a refused start): its exit code and output. */
function refusedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    // a refusal comes before anything starts; a loaded machine may take a minute to load the code
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error('the server neither refused nor exited in 120 s:\n' + output))
    }, 120_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

describe('started with only the real variables', () => {
  let product: Product
  let devIdpPort: number
  beforeAll(async () => {
    devIdpPort = await freePort()
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-h5-'))
    product = await startProduct(serverEnv({ ...real, H5_DIR: empty }), { idpPort: devIdpPort })
  }, 120_000)
  afterAll(() => product?.close())

  it('mounts no platform fake', async () => {
    for (const url of ['/__fakes/wechat/cgi-bin/token?grant_type=client_credential&appid=x&secret=y', '/__fakes/wechat/__issue', '/__fakes/alipay/gateway.do']) {
      const res = await fetch(product.url + url, { method: url.includes('__issue') ? 'POST' : 'GET' })
      expect([url, res.status]).toEqual([url, 404])
    }
  })

  it('starts no local identity provider', async () => {
    expect(await listening(devIdpPort)).toBe(false)
  })

  it('lists the real campaigns and no 【演示】 copy', async () => {
    const { campaigns } = (await (await fetch(product.url + '/api/campaigns')).json()) as { campaigns: Array<{ title: string; isDemo: boolean }> }
    expect(campaigns.length).toBeGreaterThan(0)
    expect(campaigns.filter((c) => c.isDemo || c.title.includes('演示'))).toEqual([])
  })

  it('sends sign-in to the real provider', async () => {
    const res = await fetch(product.url + '/api/auth/oidc/start', { redirect: 'manual' })
    expect(res.headers.get('location')).toMatch(new RegExp(`^${idp.issuer}/`))
  })
})

describe('refused, with every problem named, when a setting is unsafe', () => {
  const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['no OIDC issuer (the local provider would start)', { OIDC_ISSUER: undefined }, /OIDC_ISSUER 未设置/],
    ['the public default OIDC secret', { OIDC_CLIENT_SECRET: 'dev-secret-change-me' }, /OIDC_CLIENT_SECRET 是公开的开发默认值/],
    ['the public default WeChat secret', { WECHAT_SECRET: 'wx-dev-secret' }, /WECHAT_SECRET 是公开的开发默认值/],
    ['no WeChat API address (the fake would be mounted)', { WECHAT_API_BASE: undefined }, /WECHAT_API_BASE 未设置/],
    ['the WeChat fake as API address', { WECHAT_API_BASE: `${PUBLIC_URL}/__fakes/wechat` }, /WECHAT_API_BASE 指向本地模拟接口/],
    ['no Alipay gateway (the fake would be mounted)', { ALIPAY_GATEWAY: undefined }, /ALIPAY_GATEWAY 未设置/],
    ['no Alipay keys (keys would be generated)', { ALIPAY_PRIVATE_KEY: undefined }, /ALIPAY_PRIVATE_KEY 或 ALIPAY_PUBLIC_KEY 未设置/],
    ['demo seeding', { DEMO_SEED: 'true' }, /DEMO_SEED=true/],
    ['PUBLIC_URL over http', { PUBLIC_URL: 'http://xuqiu.kjj.example.gov.cn' }, /PUBLIC_URL 必须是 https 地址/],
    ['embedded PGlite without the opt-in', { ALLOW_EMBEDDED_DB: undefined }, /DATABASE_URL 未设置/]
  ]

  it.each(cases)('%s', async (_name, change, expected) => {
    const { code, output } = await refusedStart(serverEnv({ ...real, ...change }))
    expect(code).toBe(1)
    expect(output).toMatch(/生产模式（NODE_ENV 不是 development 或 test）拒绝启动/)
    expect(output).toMatch(expected)
  }, 150_000)

  it('lists everything at once when nothing is set, NODE_ENV included', async () => {
    const { code, output } = await refusedStart(serverEnv({}))
    expect(code).toBe(1)
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_SECRET', 'WECHAT_API_BASE', 'ALIPAY_GATEWAY', 'ALIPAY_PRIVATE_KEY', 'PUBLIC_URL', 'DATABASE_URL']) {
      expect(output).toContain(name)
    }
  }, 150_000)
})
