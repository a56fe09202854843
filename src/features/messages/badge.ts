/**
 * The unread badge on the 消息 tab: the count from GET /api/messages/unread-count, put on the
 * tab bar with Taro.setTabBarBadge (removed at 0). Tab pages refresh it when they show and
 * every minute while they stay visible (`useUnreadBadge`); screens that read messages set it
 * at once from the count the server answers.
 */
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { isApiError } from '../../services/http'
import { TAB_INDEX } from '../../services/navigation'
import { mayBeSignedIn } from '../../services/token'
import { getUnreadCount } from './api'
import { preparePushConsent } from './push-templates'

export const BADGE_REFRESH_MS = 60_000

let current = 0
const listeners = new Set<(count: number) => void>()

/** '99+' above 99: the badge has room for three characters. */
export const badgeText = (count: number) => (count > 99 ? '99+' : String(count))

/** Puts `count` on the 消息 tab (or removes the badge at 0). Platform refusals (not a tab page) are ignored. */
export function setUnreadBadge(count: number): void {
  current = Math.max(0, count)
  listeners.forEach((l) => l(current))
  const index = TAB_INDEX.messages
  try {
    const done = current > 0 ? Taro.setTabBarBadge({ index, text: badgeText(current) }) : Taro.removeTabBarBadge({ index })
    Promise.resolve(done).catch(() => undefined)
  } catch {
    /* no tab bar on this page */
  }
}

export function unreadBadgeCount(): number {
  return current
}

let inFlight: Promise<number | null> | null = null

/**
 * Asks the server and updates the badge. Resolves to the count, or null when signed out
 * (the badge is then removed). When the server cannot be reached the badge stays as it was.
 */
export function refreshUnreadBadge(): Promise<number | null> {
  // a visitor has no count to ask for (and the server would answer 401)
  if (!inFlight && !mayBeSignedIn()) {
    setUnreadBadge(0)
    return Promise.resolve(null)
  }
  if (!inFlight) {
    inFlight = getUnreadCount()
      .then(
        (n) => {
          setUnreadBadge(n)
          return n
        },
        (e: unknown) => {
          if (!(isApiError(e) && e.isUnauthenticated)) return current // unreachable: keep what is shown
          setUnreadBadge(0)
          return null
        }
      )
      .finally(() => {
        inFlight = null
      })
  }
  return inFlight
}

/** For tab pages: refresh on show and every minute while the page is visible; stop when hidden. */
export function useUnreadBadge(): void {
  const timer = useRef<ReturnType<typeof setInterval>>()
  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = undefined
  }
  useDidShow(() => {
    stop()
    void refreshUnreadBadge().then((n) => {
      // signed out: nothing to poll for until the page shows again
      if (n === null) return
      void preparePushConsent()
    })
    timer.current = setInterval(() => {
      void refreshUnreadBadge().then((n) => n === null && stop())
    }, BADGE_REFRESH_MS)
  })
  useDidHide(stop)
  useEffect(() => stop, [])
}

/** The badge's count as state, for screens that show it too. */
export function useUnreadCount(): number {
  const [count, setCount] = useState(current)
  useEffect(() => {
    listeners.add(setCount)
    setCount(current)
    return () => {
      listeners.delete(setCount)
    }
  }, [])
  return count
}
