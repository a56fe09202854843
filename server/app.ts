/**
 * Wires the server: security plugins, sessions, then the API routes and the H5 app.
 * Everything the routes need arrives as `deps`, so tests inject a clock, a database
 * and fakes of the edges (identity provider, WeChat, Alipay).
 */
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import helmet from 'helmet'
import { installSessionHook } from './auth/request-session'
import type { Deps } from './deps'
import { getCampaign, listCampaigns } from './campaigns'
import { encodeBody, installApiCompression } from './compress'
import { CAMPAIGN_PATH, createIndexRenderer } from './first-paint'
import { frameworkErrors, installErrorHandler, redactSecrets } from './errors'
import { installConsentGate } from './account'
import { accountRoutes } from './routes/account'
import { askRoutes } from './routes/ask'
import { authRoutes } from './routes/auth'
import { campaignRoutes } from './routes/campaigns'
import { demandRoutes } from './routes/demands'
import { messageRoutes } from './routes/messages'
import { profileRoutes } from './routes/profile'
import { recommendRoutes } from './routes/recommend'
import { studioRoutes } from './routes/studio'
import { systemRoutes } from './routes/system'


export async function buildApp(deps: Deps, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger || opts.logStream
        ? {
            level: process.env.LOG_LEVEL ?? 'info',
            // a callback's URL carries the sign-in code and state: logged without them
            serializers: { req: (req) => ({ method: req.method, url: redactSecrets(req.url), remoteAddress: req.ip }) },
            ...(opts.logStream ? { stream: opts.logStream } : {})
          }
        : false,
    bodyLimit: 1_048_576,
    // X-Forwarded-For is believed only from the proxies the operator names (TRUST_PROXY)
    trustProxy: deps.config.trustProxy,
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: false, allErrors: false } }
  })
  installErrorHandler(app)

  // The first screen's inline scripts are allowed by their hashes; no other inline script runs.
  const renderIndex = fs.existsSync(deps.config.h5Dir) ? createIndexRenderer(deps.config.h5Dir) : null
  // helmet's headers, worked out once per set of inline-script hashes (a new build): running its
  // middleware on every request validated the policy and set each header anew (~7 % of a draft save's CPU)
  const makeHeaders = (hashes: string): [string, string][] => {
    const middleware = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", hashes],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: deps.config.cookieSecure ? [] : null
        }
      },
      crossOriginEmbedderPolicy: false
    })
    const headers: Record<string, string> = {}
    middleware({} as IncomingMessage, { setHeader: (name: string, value: string) => (headers[name] = value), removeHeader: () => undefined } as unknown as ServerResponse, () => undefined)
    return Object.entries(headers)
  }
  let made = { hashes: '', headers: makeHeaders('') }
  app.addHook('onRequest', (request, reply, done) => {
    const hashes = renderIndex?.scriptHashes().join(' ') ?? ''
    if (hashes !== made.hashes) made = { hashes, headers: makeHeaders(hashes) }
    for (const [name, value] of made.headers) reply.raw.setHeader(name, value)
    done()
  })
  await app.register(cookie)
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } })

  installSessionHook(app, deps)
  installConsentGate(app)
  installApiCompression(app)

  await app.register(systemRoutes, { deps })
  await app.register(campaignRoutes, { deps })
  await app.register(askRoutes, { deps })
  await app.register(authRoutes, { deps })
  await app.register(accountRoutes, { deps })
  await app.register(profileRoutes, { deps })
  await app.register(demandRoutes, { deps })
  await app.register(messageRoutes, { deps })
  await app.register(recommendRoutes, { deps })
  await app.register(studioRoutes, { deps })

  if (renderIndex) {
    // The first screen paints from HTML: the campaign list is in index.html before any script runs.
    const sendHtml = (req: FastifyRequest, reply: FastifyReply, status: number, html: string) => {
      const { body, encoding } = encodeBody(html, req.headers['accept-encoding'])
      if (encoding) reply.header('content-encoding', encoding)
      return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding').send(body)
    }
    app.get('/', async (req, reply) => sendHtml(req, reply, 200, renderIndex(await listCampaigns(deps.db, deps.clock()), deps.clock())))
    // A campaign's page at its route's path: where a card of the snapshot links, opened before any script runs.
    app.get<{ Querystring: { id?: string } }>(CAMPAIGN_PATH, async (req, reply) => {
      const id = typeof req.query.id === 'string' ? req.query.id : ''
      const detail = id ? await getCampaign(deps.db, id, deps.clock()) : null
      return sendHtml(req, reply, detail ? 200 : 404, renderIndex.campaign(detail, deps.clock()))
    })
    // Hashed assets are cached for good; the build's Brotli / gzip copies go to browsers that take them.
    await app.register(fastifyStatic, {
      root: deps.config.h5Dir,
      prefix: '/',
      wildcard: false,
      index: false,
      preCompressed: true,
      maxAge: '365d',
      immutable: true,
      setHeaders: (res) => res.setHeader('vary', 'accept-encoding')
    })
  }
  return app
}
