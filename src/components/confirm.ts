import Taro from '@tarojs/taro'

/** Asks before an action (取消 / `confirmText`); true only when the user confirms. */
export async function confirmed(title: string, content: string, confirmText: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#1a56a8' })
    return !!res.confirm
  } catch {
    return false
  }
}
