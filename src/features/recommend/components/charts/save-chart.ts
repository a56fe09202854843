/**
 * 保存图片: the chart's canvas as a PNG. H5: downloaded (services/download). Mini-programs: the
 * canvas into a temporary file, then into the album through the privacy service (an album API).
 * Resolves with what to tell the person.
 */
import Taro from '@tarojs/taro'
import { saveBlob } from '../../../../services/download'
import { isAlipay, isH5 } from '../../../../services/env'
import { saveImageToAlbum } from '../../../../services/privacy'
import type { CanvasNode } from './chart-canvas'

type AlipayCanvas = CanvasNode & { toTempFilePath(o: { success(r: { tempFilePath?: string; apFilePath?: string }): void; fail(e: unknown): void }): void }

function tempFileOf(node: CanvasNode): Promise<string> {
  if (isAlipay()) {
    return new Promise((resolve, reject) =>
      (node as AlipayCanvas).toTempFilePath({ success: (r) => resolve(r.tempFilePath ?? r.apFilePath ?? ''), fail: reject })
    )
  }
  return Taro.canvasToTempFilePath({ canvas: node as unknown as Taro.Canvas }).then((r) => r.tempFilePath)
}

export async function saveChartPicture(node: CanvasNode, fileName: string): Promise<string> {
  if (isH5()) {
    const blob = await new Promise<Blob | null>((resolve) => (node as HTMLCanvasElement).toBlob(resolve, 'image/png'))
    if (!blob) throw new Error('canvas is empty')
    saveBlob(blob, fileName)
    return '图片已开始下载'
  }
  await saveImageToAlbum(await tempFileOf(node))
  return '图片已保存到相册'
}
