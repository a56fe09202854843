/**
 * Files from the server (the summary sheet, a demand's attachments) on every platform.
 * - H5: fetch the route with the session cookie (and the bearer token when there is one),
 *   then hand the file to the browser under the name the server sent in Content-Disposition.
 *   A refusal (404, 403, signed out) comes back as JSON and is shown.
 * - Mini-programs: Taro.downloadFile with the bearer header, then Taro.openDocument (an
 *   image: Taro.previewImage), from where the person forwards or saves the file.
 */
import Taro from '@tarojs/taro'
import type { ApiError as ApiErrorBody } from '../../types/domain'
import { isH5 } from './env'
import { ApiError, NETWORK_MESSAGE, http } from './http'
import { getToken } from './token'

export interface DownloadResult {
  fileName: string
  /** Mini-programs: the document could be downloaded but not opened here. */
  openFailed?: boolean
}

/** What is downloaded, for the messages: e.g. 汇总表, 附件. */
type What = string

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
export function fileNameFrom(disposition: string | null | undefined, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* a malformed escape: try the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1].trim() : fallback
}

function errorOf(status: number, body: unknown, what: What): ApiError {
  if (body && typeof body === 'object' && typeof (body as ApiErrorBody).code === 'string') return new ApiError(status, body as ApiErrorBody)
  if (status === 401) return new ApiError(401, { code: 'UNAUTHENTICATED', message: `登录已过期，请重新登录后再下载${what}` })
  if (status === 404) return new ApiError(404, { code: 'NOT_FOUND', message: `找不到该${what}，或当前账号无权下载` })
  return new ApiError(status, { code: `HTTP_${status}`, message: `${what}下载失败，请稍后重试` })
}

/** H5: hands a file made in the page (e.g. a chart as PNG) to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.rel = 'noopener'
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    // Give the browser time to start the download before the blob goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
}

async function downloadH5(path: string, fallbackName: string, what: What): Promise<DownloadResult> {
  const token = getToken()
  let res: Response
  try {
    res = await fetch(`${http.defaults.baseURL ?? ''}${path}`, {
      credentials: 'include',
      headers: token ? { Authorization: `Bearer ${token}` } : {}
    })
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: NETWORK_MESSAGE })
  }
  if (!res.ok) throw errorOf(res.status, await res.json().catch(() => null), what)
  const fileName = fileNameFrom(res.headers.get('content-disposition'), fallbackName)
  saveBlob(await res.blob(), fileName)
  return { fileName }
}

/** The error body a refused download wrote into the file, if it can be read. */
function readErrorFile(filePath: string): unknown {
  try {
    const text = Taro.getFileSystemManager().readFileSync(filePath, 'utf8') as string
    return JSON.parse(text)
  } catch {
    return null
  }
}

const DOCUMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx'] as const
const IMAGE = /\.(jpe?g|png)$/i

async function downloadMiniProgram(path: string, fileName: string, what: What): Promise<DownloadResult> {
  const token = getToken()
  if (!token) throw new ApiError(401, { code: 'UNAUTHENTICATED', message: '请先登录' })
  // WeChat keeps a readable name when told where to put the file; other platforms use a temp path.
  const userData = process.env.TARO_ENV === 'weapp' ? (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env?.USER_DATA_PATH : undefined
  const target = userData ? `${userData}/${fileName.replace(/[\\/:*?"<>|]/g, '_')}` : undefined
  let res: Taro.downloadFile.FileSuccessCallbackResult
  try {
    res = await Taro.downloadFile({
      url: `${http.defaults.baseURL ?? ''}${path}`,
      header: { Authorization: `Bearer ${token}` },
      ...(target ? { filePath: target } : {})
    })
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: NETWORK_MESSAGE })
  }
  const filePath = (res as { filePath?: string }).filePath || res.tempFilePath
  if (res.statusCode !== 200) throw errorOf(res.statusCode, readErrorFile(filePath), what)
  try {
    if (IMAGE.test(fileName)) {
      await Taro.previewImage({ urls: [filePath], current: filePath })
      return { fileName }
    }
    const extension = fileName.split('.').pop()?.toLowerCase()
    const fileType = DOCUMENT_TYPES.find((t) => t === extension)
    await Taro.openDocument({ filePath, ...(fileType ? { fileType } : {}), showMenu: true })
    return { fileName }
  } catch {
    return { fileName, openFailed: true }
  }
}

/**
 * Downloads the file at an API path (H5) or downloads and opens it (mini-programs).
 * `fileName` is used where the platform does not give the server's name.
 */
export function downloadFile(path: string, fileName: string, what: What): Promise<DownloadResult> {
  return isH5() ? downloadH5(path, fileName, what) : downloadMiniProgram(path, fileName, what)
}
