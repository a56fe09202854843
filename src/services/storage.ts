import Taro from '@tarojs/taro'

/** Small synchronous key/value storage on every platform (localStorage on H5). */
export const storage = {
  get<T = string>(key: string): T | undefined {
    try {
      const value = Taro.getStorageSync(key)
      return value === '' || value === null || value === undefined ? undefined : (value as T)
    } catch {
      return undefined
    }
  },
  set(key: string, value: unknown): void {
    try {
      Taro.setStorageSync(key, value)
    } catch (e) {
      console.warn('[storage] 写入失败', key, e)
    }
  },
  remove(key: string): void {
    try {
      Taro.removeStorageSync(key)
    } catch {
      /* nothing stored */
    }
  }
}
