/**
 * Picking a JSON file and reading its text, per platform:
 * - H5: an <input type="file"> and File.text();
 * - WeChat (and Alipay clients that have it): `chooseMessageFile`, read with the file system manager;
 * - elsewhere: not available, said so (the studio is meant for a desktop browser).
 */
import Taro from '@tarojs/taro'
import { isH5 } from '../../../services/env'

export interface PickedText {
  name: string
  text: string
}

declare const my: Record<string, unknown> | undefined

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

const isCancel = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))

/** The chosen file's name and text; null when the person cancelled. */
export async function pickJsonFile(): Promise<PickedText | null> {
  if (isH5()) {
    const file = await pickOnH5()
    if (!file) return null
    if (file.size > MAX_JSON_BYTES) throw new PickError(`“${file.name}”超过 1 MB，不是活动定义文件`)
    return { name: file.name, text: await file.text() }
  }
  const canChoose = process.env.TARO_ENV === 'weapp' || (typeof my !== 'undefined' && typeof my?.chooseMessageFile === 'function')
  if (!canChoose || typeof Taro.chooseMessageFile !== 'function') throw new PickError('当前客户端不能选择文件，请在电脑上打开网页版上传')
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['json'] })
    const file = res.tempFiles[0]
    if (!file) return null
    if (file.size > MAX_JSON_BYTES) throw new PickError(`“${file.name}”超过 1 MB，不是活动定义文件`)
    const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string
    return { name: file.name || 'campaign.json', text }
  } catch (e) {
    if (e instanceof PickError) throw e
    if (isCancel(e)) return null
    throw new PickError('无法读取所选文件，请重试')
  }
}
