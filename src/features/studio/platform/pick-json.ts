/**
 * Picking a JSON file and reading its text, per platform:
 * - H5: an <input type="file"> and File.text();
 * - WeChat and Alipay: the privacy service's picker (documents only), read with the file system
 *   manager; a client that cannot pick documents says so (the studio is meant for a desktop browser).
 */
import Taro from '@tarojs/taro'
import { isH5 } from '../../../services/env'
import { isApiError } from '../../../services/http'
import { chooseFiles } from '../../../services/privacy'

export interface PickedText {
  name: string
  text: string
}

/** Files above this are not a campaign definition (the largest real one is a few dozen KB). */
export const MAX_JSON_BYTES = 1024 * 1024

export class PickError extends Error {}

function pickOnH5(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.json,application/json'
    input.style.display = 'none'
    input.setAttribute('data-testid', 'studio-json-input')
    input.setAttribute('aria-label', '选择活动定义 JSON 文件')
    const done = (file: File | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

/** The chosen file's name and text; null when the person cancelled. */
export async function pickJsonFile(): Promise<PickedText | null> {
  if (isH5()) {
    const file = await pickOnH5()
    if (!file) return null
    if (file.size > MAX_JSON_BYTES) throw new PickError(`“${file.name}”超过 1 MB，不是活动定义文件`)
    return { name: file.name, text: await file.text() }
  }
  let file
  try {
    file = (await chooseFiles({ count: 1, extensions: ['json'], documentsOnly: true })).files[0]
  } catch (e) {
    // a refused privacy guideline or a client without a document picker: their own message
    throw new PickError(isApiError(e) ? e.message : '无法选择文件，请重试')
  }
  if (!file) return null
  if (file.size > MAX_JSON_BYTES) throw new PickError(`“${file.name}”超过 1 MB，不是活动定义文件`)
  try {
    return { name: file.name || 'campaign.json', text: Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string }
  } catch {
    throw new PickError('无法读取所选文件，请重试')
  }
}
