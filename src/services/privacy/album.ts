/**
 * Saving an image into the phone's album: the album APIs are on both platforms' lists of
 * privacy APIs (WeChat 相册（仅写入）), so the call goes through the authorization like the pickers.
 * Taro maps it to `my.saveImage` on Alipay.
 */
import Taro from '@tarojs/taro'
import { withPrivacy } from './authorization'

export function saveImageToAlbum(filePath: string): Promise<void> {
  return withPrivacy(() => Taro.saveImageToPhotosAlbum({ filePath })).then(() => undefined)
}
