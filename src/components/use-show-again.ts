import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'

/** A number that goes up each time the page is shown again (not on its first show). */
export function useShowAgainKey(): number {
  const shown = useRef(false)
  const [key, setKey] = useState(0)
  useDidShow(() => {
    if (shown.current) setKey((k) => k + 1)
    shown.current = true
  })
  return key
}
