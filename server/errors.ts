/**
 * Every error leaves the server as `{code, message, field?, fields?}`: a stable code for
 * programs and a Chinese message for people. Client mistakes are 4xx, never 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ApiError, FieldError } from '../types/domain'

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** What went wrong underneath, for the log only. */
    readonly cause?: unknown,
    /** More for the client, e.g. the current copy on a version conflict. */
    readonly extra?: Record<string, unknown>
  ) {
    super(message)
  }
}

/** Tokens and codes that must never reach a log: JWTs (ID tokens) and authorization codes / tokens in URLs. */
const SECRETS = [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, /\b(code|access_token|id_token|refresh_token|state|nonce)=[^&\s"']+/g]
export const redactSecrets = (text: string) => SECRETS.reduce((t, re) => t.replace(re, (m) => (m.startsWith('eyJ') ? '[JWT]' : `${m.split('=')[0]}=[redacted]`)), text)

/**
 * What of an underlying error may be logged: its name, code and message (tokens and codes cut
 * out), never its other fields. An openid-client error carries the whole ID token (name, credit
 * code) and the sign-in code in its enumerable fields; a logger would print them all.
 */
export function loggable(err: unknown): { name?: string; code?: string; message: string; stack?: string } {
  if (!(err instanceof Error)) return { message: redactSecrets(String(err)) }
  const code = (err as { code?: unknown }).code
  return {
    name: err.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: redactSecrets(err.message),
    ...(err.stack ? { stack: redactSecrets(err.stack) } : {})
  }
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在或无权查看`)
export const badRequest = (code: string, message: string, fields?: FieldError[]) => new AppError(400, code, message, fields)

/** Fastify's own client-error codes, in Chinese. */
const FRAMEWORK_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: '请求内容为空' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: '提交的内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: '请求长度不正确' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: '请求地址不正确' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: '请求地址过长' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST', message: '请求不正确' }
}

/** Errors the router raises before any route runs (bad URL encoding, overlong parameters). */
export const frameworkErrors = (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
  reply.status(err.statusCode ?? 400).send(FRAMEWORK_ERRORS[err.code] ?? { code: 'BAD_REQUEST', message: '请求不正确' })
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    let status = err.statusCode ?? 500
    let body: ApiError
    if (err instanceof AppError) {
      if (err.cause) request.log.warn({ cause: loggable(err.cause), code: err.code }, err.message)
      body = { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...err.extra }
    } else if ((err as FastifyError).validation) {
      const v = (err as FastifyError).validation![0]
      const field = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? '')
      status = 400
      body = {
        code: 'BAD_REQUEST',
        message: field ? `请求参数“${field}”不正确` : '请求参数不正确',
        ...(field ? { field } : {})
      }
    } else if (status >= 400 && status < 500) {
      body = FRAMEWORK_ERRORS[(err as FastifyError).code] ?? { code: 'BAD_REQUEST', message: '请求不正确' }
    } else {
      status = 500
      request.log.error({ err: loggable(err) }, 'unhandled error')
      body = { code: 'INTERNAL', message: '服务器开小差了，请稍后重试' }
    }
    if (status >= 400 && status < 500) request.log.info({ code: body.code, url: request.url }, 'client error')
    reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在' } satisfies ApiError)
  })
}
