import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import Fastify from 'fastify'
import { installApiCompression, MIN_COMPRESSED_BYTES } from '../../server/compress'
import { startTestServer, type TestServer } from '../support/app'

const BROWSER = 'gzip, deflate, br, zstd'

describe('compressed API answers, on the product', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await startTestServer()
  })
  afterAll(() => s.close())

  const campaign = (acceptEncoding?: string) =>
    s.app.inject({ url: '/api/campaigns/cq-2026-key-areas', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

  it("sends a campaign's definition as Brotli to a browser, the same JSON in a fraction of the bytes", async () => {
    const plain = await campaign()
    expect(plain.headers['content-encoding']).toBeUndefined()
    const br = await campaign(BROWSER)
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toContain('accept-encoding')
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length)
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json())
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
  })

  it('sends gzip to a client that takes only gzip (a mini-program), identity to one that takes neither', async () => {
    const gz = await campaign('gzip, deflate')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual((await campaign()).json())
    const none = await campaign('identity')
    expect(none.headers['content-encoding']).toBeUndefined()
    expect(none.json().id).toBe('cq-2026-key-areas')
  })

  it('leaves small answers as they are', async () => {
    const res = await s.app.inject({ url: '/api/time', headers: { 'accept-encoding': BROWSER } })
    expect(res.rawPayload.length).toBeLessThan(MIN_COMPRESSED_BYTES)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.json().timezone).toBe('Asia/Shanghai')
  })
})

describe('which answers are compressed', () => {
  const big = { text: '企业技术创新需求'.repeat(200) }
  const app = Fastify()
  beforeAll(async () => {
    installApiCompression(app)
    app.get('/api/auth/session', async () => ({ ...big, token: 'secret' }))
    app.get('/api/things', async () => big)
    app.get('/api/by-origin', async (_req, reply) => reply.header('vary', 'origin').send(big))
    app.get('/api/page', async (_req, reply) => reply.type('text/html').send(`<p>${big.text}</p>`))
    app.get('/api/sheet', async (_req, reply) => reply.type('application/json').send(Readable.from([JSON.stringify(big)])))
    app.get('/outside', async () => big)
    await app.ready()
  })
  afterAll(() => app.close())
  const get = (url: string) => app.inject({ url, headers: { 'accept-encoding': BROWSER } })

  it('compresses the API’s JSON', async () => {
    const res = await get('/api/things')
    expect(res.headers['content-encoding']).toBe('br')
    expect(JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString('utf8'))).toEqual(big)
  })

  it('adds to a Vary the route set', async () => {
    const res = await get('/api/by-origin')
    expect([res.headers['content-encoding'], res.headers.vary]).toEqual(['br', 'origin, accept-encoding'])
  })

  it('never the sign-in routes, whose answers carry tokens (BREACH)', async () => {
    const res = await get('/api/auth/session')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.json().token).toBe('secret')
  })

  it('not streams, other types, or routes outside the API', async () => {
    for (const url of ['/api/sheet', '/api/page', '/outside']) {
      const res = await get(url)
      expect([url, res.headers['content-encoding']]).toEqual([url, undefined])
      expect(res.body).toContain('企业技术创新需求')
    }
  })
})
