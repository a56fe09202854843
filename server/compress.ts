/**
 * Answers as the browser or phone takes them: Brotli (a quick level: made per answer), else gzip,
 * else as they are. The first screen's HTML (the embedded list and its snapshot) shrinks to about a
 * fifth, a campaign's definition (18.8 KB of JSON, mostly Chinese) to 5.3 KB: the time a slow line
 * spends on them.
 */
import zlib from 'node:zlib'
import type { FastifyInstance } from 'fastify'

/** Smaller answers go as they are: below this, compressing saves less than a packet. */
export const MIN_COMPRESSED_BYTES = 1024

export function encodeBody(body: string, acceptEncoding: string | undefined): { body: Buffer | string; encoding?: 'br' | 'gzip' } {
  const accepted = (acceptEncoding ?? '').toLowerCase()
  if (/\bbr\b/.test(accepted)) return { body: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }), encoding: 'br' }
  if (/\bgzip\b/.test(accepted)) return { body: zlib.gzipSync(body, { level: 6 }), encoding: 'gzip' }
  return { body }
}

/**
 * The API's JSON answers of 1 KB or more, compressed. Not the sign-in routes (/api/auth/…): their
 * answers carry the session's tokens, which are not to be sent compressed beside text the client
 * chose (BREACH). Streams (exports, files) and answers already encoded go as they are.
 */
export function installApiCompression(app: FastifyInstance): void {
  // a callback hook: it runs on every answer, and most go as they are
  app.addHook('onSend', (request, reply, payload, done) => {
    if (typeof payload !== 'string' || !request.url.startsWith('/api/') || request.url.startsWith('/api/auth/')) return done(null, payload)
    if (reply.hasHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return done(null, payload)
    if (Buffer.byteLength(payload) < MIN_COMPRESSED_BYTES) return done(null, payload)
    const vary = reply.getHeader('vary')
    reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding')
    const { body, encoding } = encodeBody(payload, request.headers['accept-encoding'])
    if (!encoding) return done(null, payload)
    reply.header('content-encoding', encoding)
    reply.removeHeader('content-length')
    done(null, body)
  })
}
