/**
 * The one HTTP client: axios with an adapter that goes through Taro.request, so the same
 * code runs on weapp, alipay and H5. Errors always come out as `ApiError`.
 */
import Taro from '@tarojs/taro'
import axios, { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios'
import type { ApiError as ApiErrorBody, FieldError } from '../../types/domain'
import { takeEarlyAnswer } from './early-answers'
import { apiBase, isH5 } from './env'
import { clearToken, getToken } from './token'

export const NETWORK_MESSAGE = '网络不可用，请检查网络后重试'

/** A failed API call: the server's stable code and Chinese message, plus field errors. */
export class ApiError extends Error implements ApiErrorBody {
  readonly code: string
  readonly field?: string
  readonly fields?: FieldError[]
  /** HTTP status; 0 when the server was not reached. */
  readonly status: number

  constructor(status: number, body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    if (body.field) this.field = body.field
    if (body.fields) this.fields = body.fields
  }

  get isUnauthenticated(): boolean {
    return this.status === 401 || this.code === 'UNAUTHENTICATED'
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

type TaroMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD'

/** axios → Taro.request → axios response. */
export const taroAdapter: AxiosAdapter = async (config) => {
  const url = http.getUri(config)
  const headers: Record<string, string> = {}
  for (const [key, value] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) {
    if (value !== undefined && value !== null) headers[key] = String(value)
  }
  const method = (config.method ?? 'get').toUpperCase() as TaroMethod
  let res: Pick<Taro.request.SuccessCallbackResult, 'data' | 'statusCode' | 'header'>
  try {
    const early = method === 'GET' ? await takeEarlyAnswer(url)?.catch(() => undefined) : undefined
    res = early ? { data: early.data, statusCode: early.status, header: {} } : await Taro.request({
      url,
      method,
      data: config.data,
      header: headers,
      dataType: 'json',
      timeout: config.timeout || 20_000
    })
  } catch {
    throw new AxiosError(NETWORK_MESSAGE, AxiosError.ERR_NETWORK, config, null)
  }
  const response: AxiosResponse = {
    data: res.data,
    status: res.statusCode,
    statusText: '',
    headers: (res.header ?? {}) as Record<string, string>,
    config,
    request: null
  }
  const ok = config.validateStatus ? config.validateStatus(res.statusCode) : res.statusCode >= 200 && res.statusCode < 300
  if (!ok) {
    const code = res.statusCode >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST
    throw new AxiosError(`Request failed with status code ${res.statusCode}`, code, config, null, response)
  }
  return response
}

export const http = axios.create({
  baseURL: apiBase(),
  adapter: taroAdapter,
  timeout: 20_000,
  headers: { Accept: 'application/json' }
})

/** Where the API is; tests point it at the real server they started. */
export function setApiBase(base: string): void {
  http.defaults.baseURL = base.replace(/\/$/, '')
}

// ---- CSRF (H5 cookie sessions) -------------------------------------------------------------
let csrfToken: string | undefined

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete'])

async function fetchCsrfToken(): Promise<string | undefined> {
  try {
    const res = await http.get<{ csrfToken?: string } | null>('/api/auth/me')
    csrfToken = res.data?.csrfToken
  } catch {
    /* signed out: the unsafe request will get its own 401 */
  }
  return csrfToken
}

http.interceptors.request.use(async (config) => {
  const token = getToken()
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  const method = (config.method ?? 'get').toLowerCase()
  // Cookie sessions only: a bearer token is not sent by browsers on their own, so needs no CSRF token.
  if (isH5() && !token && UNSAFE.has(method)) {
    const csrf = csrfToken ?? (await fetchCsrfToken())
    if (csrf) config.headers.set('X-CSRF-Token', csrf)
  }
  return config
})

http.interceptors.response.use(
  (response) => response,
  async (error: unknown) => {
    const apiError = toApiError(error)
    // An H5 page kept open across sign-ins holds a stale CSRF token: fetch it again and retry once.
    if (apiError.code === 'CSRF_FAILED' && error instanceof AxiosError && error.config && !(error.config as { _csrfRetried?: boolean })._csrfRetried) {
      csrfToken = undefined
      const config = error.config as InternalAxiosRequestConfig & { _csrfRetried?: boolean }
      config._csrfRetried = true
      config.headers.delete('X-CSRF-Token')
      return http.request(config)
    }
    for (const listener of errorListeners) {
      try {
        listener(apiError)
      } catch (e) {
        console.warn('[http] 错误监听失败', e)
      }
    }
    throw apiError
  }
)

const errorListeners = new Set<(error: ApiError) => void>()

/** Hears every error answer of the server, e.g. CONSENT_REQUIRED (features/account opens the agreements); returns the unsubscribe. */
export function onApiError(listener: (error: ApiError) => void): () => void {
  errorListeners.add(listener)
  return () => errorListeners.delete(listener)
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof AxiosError && error.response) {
    const { status, data } = error.response
    if (status === 401) {
      clearToken()
      csrfToken = undefined
    }
    if (data && typeof data === 'object' && typeof (data as ApiErrorBody).code === 'string') {
      const body = data as ApiErrorBody
      return new ApiError(status, { ...body, message: body.message || fallbackMessage(status) })
    }
    return new ApiError(status, { code: `HTTP_${status}`, message: fallbackMessage(status) })
  }
  return new ApiError(0, { code: 'NETWORK', message: NETWORK_MESSAGE })
}

/** For answers without our error body (a proxy's page, a misrouted request). */
function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录'
  if (status === 403) return '没有权限进行此操作'
  return '服务暂时不可用，请稍后重试'
}
