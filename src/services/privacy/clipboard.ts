/**
 * Copying text: the clipboard is a privacy API on WeChat (剪切板, in its list of interfaces
 * covered by the 隐私保护指引), so it goes through the platforms' authorization like the pickers.
 * Resolves true when copied; false when it failed or was refused (the caller says so).
 */
import Taro from '@tarojs/taro'
import { withPrivacy } from './authorization'

export function copyText(data: string): Promise<boolean> {
  return withPrivacy(() => Taro.setClipboardData({ data })).then(
    () => true,
    () => false
  )
}
