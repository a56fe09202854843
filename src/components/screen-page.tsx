import { useDidHide, useReachBottom, useRouter } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import { CarePage } from './care-page'
import { usePullDown } from './use-pull-down'
import { useShowAgainKey } from './use-show-again'

/** What a page entry hands its screen: the route's query and the keys that ask it to load again. */
export interface PageContext {
  params: Partial<Record<string, string>>
  /** Goes up each time the page is shown again (not on its first show). */
  shownKey: number
  /** Goes up at each pull to refresh (on pages whose config sets `enablePullDownRefresh`). */
  pulledKey: number
  /** Folds the pull-down spinner once the screen has its answer. */
  onRefreshed: () => void
  /** Goes up each time the page is scrolled to its bottom. */
  reachBottomKey: number
  /** Goes up each time the page is hidden (another page over it, the app in the background). */
  hiddenKey: number
}

const noEffect = () => undefined

/**
 * A page entry (`export default screenPage(...)` in `pages/x/index.tsx`, beside its own
 * `index.config.ts`): the screen in a CarePage, given the route's query and the page's events.
 * `useEffects` is a hook the page runs too (the unread badge, the desktop text size).
 */
export function screenPage(render: (page: PageContext) => ReactNode, useEffects: () => void = noEffect) {
  return function ScreenPage() {
    useEffects()
    // no router where a page is hosted without one (the app tests' host)
    const params = (useRouter() as { params?: PageContext['params'] } | null)?.params ?? {}
    const shownKey = useShowAgainKey()
    const { pulledKey, done } = usePullDown()
    const [reachBottomKey, setReachBottomKey] = useState(0)
    useReachBottom(() => setReachBottomKey((k) => k + 1))
    const [hiddenKey, setHiddenKey] = useState(0)
    useDidHide(() => setHiddenKey((k) => k + 1))
    return <CarePage>{render({ params, shownKey, pulledKey, onRefreshed: done, reachBottomKey, hiddenKey })}</CarePage>
  }
}
