/**
 * The recommending unit picks and uploads a file (its stamped 推荐表) for one of its
 * attachments fields: on H5 an <input type="file"> and XMLHttpRequest (the File itself, as
 * multipart, with the CSRF token); on the mini-programs the privacy service's picker (as the
 * wizard's, behind the platforms' privacy authorization) and Taro.uploadFile with the bearer token, the real name sent as
 * the form field `name`. The server checks the file as it checks the enterprise's.
 */
import Taro from '@tarojs/taro'
import type { AttachmentType } from '../../../types/campaign'
import type { AttachmentRef } from '../../../types/engine'
import { isH5 } from '../../services/env'
import { ApiError, NETWORK_MESSAGE } from '../../services/http'
import { chooseFiles } from '../../services/privacy'
import { acceptAttribute, pickerExtensions, sessionHeaders, uploadError } from '../wizard/platform'
import { recommenderUploadUrl } from './api'

interface Picked {
  name: string
  /** Mini-programs: a local path. */
  path?: string
  /** H5: the file itself. */
  file?: File
}

function pickOnH5(accept: AttachmentType[]): Promise<Picked | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = acceptAttribute(accept)
    input.style.display = 'none'
    input.setAttribute('data-testid', 'recommender-file-input')
    const done = (picked: Picked | null) => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? { name: file.name, file } : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

/** One file, or null when the person cancelled. A refused privacy guideline rejects (PRIVACY_DECLINED). */
export async function pickFile(accept: AttachmentType[]): Promise<Picked | null> {
  if (isH5()) return pickOnH5(accept)
  const [f] = (await chooseFiles({ count: 1, extensions: pickerExtensions(accept) })).files
  return f ? { name: f.name, path: f.path } : null
}

function sendOnH5(url: string, file: File, name: string, headers: Record<string, string>): Promise<{ statusCode: number; data: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.onload = () => resolve({ statusCode: xhr.status, data: xhr.responseText })
    xhr.onerror = () => reject(new Error('network'))
    const form = new FormData()
    form.append('file', file, name)
    xhr.send(form)
  })
}

/** Uploads the file for the unit's field; resolves with the reference to put into its answers. */
export async function uploadRecommenderFile(demandId: string, fieldId: string, picked: Picked): Promise<AttachmentRef> {
  const headers = await sessionHeaders()
  const url = recommenderUploadUrl(demandId, fieldId)
  let res: { statusCode: number; data: unknown }
  try {
    res = picked.file
      ? await sendOnH5(url, picked.file, picked.name, headers)
      : await Taro.uploadFile({ url, filePath: picked.path ?? '', name: 'file', header: headers, formData: { name: picked.name } })
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: NETWORK_MESSAGE })
  }
  if (res.statusCode !== 201) throw uploadError(res.statusCode, res.data)
  return (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as AttachmentRef
}
