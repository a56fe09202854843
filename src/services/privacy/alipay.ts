/**
 * Alipay: `chooseMessageFile` where the client has it, else `chooseFileFromDisk` (desktop),
 * else images only (`chooseImage`), said so to the person.
 */
import Taro from '@tarojs/taro'
import { ApiError } from '../http'
import type { ChooseFilesOptions, ChosenFiles } from './types'

declare const my: Record<string, ((options: Record<string, unknown>) => void) | undefined> | undefined

function callMy<T>(name: string, options: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const fn = typeof my !== 'undefined' ? my?.[name] : undefined
    if (!fn) return reject(new Error(`${name} unavailable`))
    fn({ ...options, success: resolve, fail: reject })
  })
}

const has = (name: string) => typeof my !== 'undefined' && typeof my?.[name] === 'function'

export async function chooseFilesAlipay({ count, extensions, documentsOnly }: ChooseFilesOptions): Promise<ChosenFiles> {
  if (has('chooseMessageFile')) {
    const res = await Taro.chooseMessageFile({ count, type: 'file', extension: extensions })
    return { files: res.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size })) }
  }
  if (has('chooseFileFromDisk')) {
    const res = await callMy<{ apFilePath?: string; tempFilePath?: string; size?: number; name?: string }>('chooseFileFromDisk', {})
    const path = res.apFilePath ?? res.tempFilePath ?? ''
    return { files: path ? [{ path, name: res.name ?? '', size: res.size ?? 0 }] : [] }
  }
  if (documentsOnly) throw new ApiError(0, { code: 'CHOOSER_UNAVAILABLE', message: '当前支付宝版本不能选择文件，请在电脑上打开网页版上传' })
  const res = await Taro.chooseImage({ count, sourceType: ['album', 'camera'], sizeType: ['original'] })
  return {
    files: (res.tempFiles ?? []).map((f) => ({ path: f.path, name: '', size: f.size })),
    notice: '当前支付宝版本只能选择图片。PDF、Word、Excel 文件请在电脑上打开网页版上传。'
  }
}
