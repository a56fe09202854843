import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'

/** Folds the platform's pull-down spinner (also when none is showing). */
const stopPullDown = () => void Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined)

/**
 * Pull to refresh on a list page (its page config sets `enablePullDownRefresh: true`; Taro's H5
 * router honours it too): `pulledKey` goes up at each pull, for the screen's `useRefreshOnKey`,
 * and `done` folds the spinner once the screen has its answer.
 */
export function usePullDown(): { pulledKey: number; done: () => void } {
  const [pulledKey, setPulledKey] = useState(0)
  usePullDownRefresh(() => setPulledKey((k) => k + 1))
  return { pulledKey, done: stopPullDown }
}
