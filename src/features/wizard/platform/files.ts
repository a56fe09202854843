/**
 * Picking documents and uploading them, per platform:
 * - WeChat and Alipay: the privacy service's `chooseFiles` (services/privacy: `chooseMessageFile`
 *   and Alipay's fallbacks, behind the platforms' privacy authorization);
 * - H5: an <input type="file"> with the accepted extensions.
 * Uploads go through Taro.uploadFile on the mini-programs and XMLHttpRequest on H5 (the File
 * itself, as multipart), with the session's headers (bearer token on the mini-programs, CSRF
 * token on H5), and report progress.
 */
import Taro from '@tarojs/taro'
import { ATTACHMENT_MIME_TYPES, type AttachmentType } from '../../../../types/campaign'
import type { AttachmentRef } from '../../../../types/engine'
import { isH5 } from '../../../services/env'
import { ApiError, NETWORK_MESSAGE } from '../../../services/http'
import { chooseFiles } from '../../../services/privacy'
import { currentMe, loadMe } from '../../../services/session'
import { getToken } from '../../../services/token'
import { attachmentUploadUrl } from '../api'

export interface PickedFile {
  /** A local path (mini-programs); empty on H5, where `file` is set. */
  path: string
  name: string
  size: number
  /** H5: the picked File itself (no object URL: the page's CSP does not let XHR read blob: URLs). */
  file?: File
}

export interface PickResult {
  files: PickedFile[]
  /** Said to the person when the platform can only offer part of the types. */
  notice?: string
}

export function acceptAttribute(accept: AttachmentType[]): string {
  const exts = accept.flatMap((t) => (t === 'jpg' ? ['.jpg', '.jpeg'] : ['.' + t]))
  return [...exts, ...accept.map((t) => ATTACHMENT_MIME_TYPES[t])].join(',')
}

function pickOnH5(accept: AttachmentType[], count: number): Promise<PickResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = count > 1
    input.accept = acceptAttribute(accept)
    input.style.display = 'none'
    input.setAttribute('data-testid', 'attachment-file-input')
    const done = (files: PickedFile[]) => {
      input.remove()
      resolve({ files })
    }
    input.addEventListener('change', () => {
      const list = Array.from(input.files ?? []).slice(0, count)
      done(list.map((f) => ({ path: '', name: f.name, size: f.size, file: f })))
    })
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
}

/** The accepted types as the mini-programs' pickers name extensions (`jpg` also as `jpeg`). */
export function pickerExtensions(accept: AttachmentType[]): string[] {
  return accept.flatMap((t) => (t === 'jpg' ? ['jpg', 'jpeg'] : [t]))
}

/** Up to `count` files; none when the person cancels. A refused privacy guideline rejects (PRIVACY_DECLINED). */
export async function pickFiles(accept: AttachmentType[], count: number): Promise<PickResult> {
  if (count <= 0) return { files: [] }
  if (isH5()) return pickOnH5(accept, count)
  return chooseFiles({ count, extensions: pickerExtensions(accept) })
}

/** The headers of the signed-in session, as the HTTP client sends them. */
export async function sessionHeaders(): Promise<Record<string, string>> {
  const headers: Record<string, string> = {}
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  if (isH5()) {
    const me = currentMe() ?? (await loadMe().catch(() => null))
    if (me?.csrfToken) headers['X-CSRF-Token'] = me.csrfToken
  }
  return headers
}

/** The error of a refused upload: the server's own, or one by the HTTP status. */
export function uploadError(status: number, data: unknown): ApiError {
  let body: { code?: string; message?: string } = {}
  try {
    body = typeof data === 'string' ? JSON.parse(data) : (data as typeof body) ?? {}
  } catch {
    /* not our error body */
  }
  if (body.code && body.message) return new ApiError(status, { code: body.code, message: body.message })
  if (status === 413) return new ApiError(status, { code: 'FILE_TOO_LARGE', message: '文件过大，请压缩后重新上传' })
  return new ApiError(status, { code: `HTTP_${status}`, message: '上传失败，请稍后重试' })
}

/** H5: the File as multipart with progress; same-origin, so the session cookie goes along. */
function uploadOnH5(url: string, file: File, name: string, header: Record<string, string>, onProgress: (percent: number) => void) {
  return new Promise<{ statusCode: number; data: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    for (const [k, v] of Object.entries(header)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => resolve({ statusCode: xhr.status, data: xhr.responseText })
    xhr.onerror = () => reject(new Error('network'))
    xhr.ontimeout = () => reject(new Error('timeout'))
    xhr.timeout = 10 * 60_000
    const form = new FormData()
    form.append('file', file, name)
    xhr.send(form)
  })
}

/** Uploads one file for a field; resolves with the reference to put into the answers. */
export async function uploadAttachment(
  demandId: string,
  fieldId: string,
  file: PickedFile,
  onProgress: (percent: number) => void
): Promise<AttachmentRef> {
  const header = await sessionHeaders()
  const url = attachmentUploadUrl(demandId, fieldId)
  let res: { statusCode: number; data: unknown }
  try {
    if (file.file) {
      res = await uploadOnH5(url, file.file, file.name, header, onProgress)
    } else {
      const alipay = process.env.TARO_ENV === 'alipay'
      const options = {
        url,
        filePath: file.path,
        name: 'file',
        header,
        timeout: 10 * 60_000,
        // Alipay names the form field `fileName` and wants a file type.
        ...(alipay ? { fileName: 'file', fileType: 'image' } : {}),
        // The platforms name the file after its temporary path; send the real name along.
        formData: { name: file.name }
      }
      const task = Taro.uploadFile(options as Taro.uploadFile.Option) as Promise<Taro.uploadFile.SuccessCallbackResult> & {
        progress?: (cb: (p: { progress: number }) => void) => unknown
      }
      task.progress?.((p) => onProgress(p.progress))
      res = await task
    }
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: NETWORK_MESSAGE })
  }
  if (res.statusCode !== 201) throw uploadError(res.statusCode, res.data)
  return (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as AttachmentRef
}
