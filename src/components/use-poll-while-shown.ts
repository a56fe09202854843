import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

/**
 * A number that goes up every `ms` while the page is visible, and when it shows again
 * (not on its first show). Stops while the page is hidden or in the background.
 */
export function usePollWhileShown(ms: number): number {
  const [key, setKey] = useState(0)
  const shownOnce = useRef(false)
  const timer = useRef<ReturnType<typeof setInterval>>()
  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = undefined
  }
  useDidShow(() => {
    if (shownOnce.current) setKey((k) => k + 1)
    shownOnce.current = true
    stop()
    timer.current = setInterval(() => setKey((k) => k + 1), ms)
  })
  useDidHide(stop)
  useEffect(() => stop, [])
  return key
}
