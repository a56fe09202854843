import { useEffect, useRef, useState } from 'react'
import { serverNow } from '../../services/clock'

/** The longest wait between two readings: the server clock may have been synced again meanwhile. */
const MAX_WAIT_MS = 60_000

/**
 * Server time while mounted, read again when `nextChangeIn(now)` milliseconds have passed (every
 * second by default, at most a minute): a countdown in days and hours renders once an hour, not
 * every second, and leaves the main thread alone meanwhile.
 */
export function useServerNow(nextChangeIn: (now: number) => number = () => 1000): number {
  const [now, setNow] = useState(serverNow)
  const next = useRef(nextChangeIn)
  next.current = nextChangeIn
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const read = () => {
      const t = serverNow()
      setNow(t)
      timer = setTimeout(read, Math.min(MAX_WAIT_MS, Math.max(1, next.current(t))))
    }
    read()
    return () => clearTimeout(timer)
  }, [])
  return now
}
