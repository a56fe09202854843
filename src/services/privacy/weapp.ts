/** WeChat: documents from chats (`chooseMessageFile`; the album and camera pickers take images only). */
import Taro from '@tarojs/taro'
import type { ChooseFilesOptions, ChosenFiles } from './types'

export async function chooseFilesWeapp({ count, extensions }: ChooseFilesOptions): Promise<ChosenFiles> {
  const res = await Taro.chooseMessageFile({ count, type: 'file', extension: extensions })
  return { files: res.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size })) }
}
