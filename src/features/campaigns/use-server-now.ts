import { useEffect, useState } from 'react'
import { serverNow } from '../../services/clock'

/** Server time, re-read every `intervalMs` (one second by default) while mounted. */
export function useServerNow(intervalMs = 1000): number {
  const [now, setNow] = useState(serverNow)
  useEffect(() => {
    setNow(serverNow())
    const timer = setInterval(() => setNow(serverNow()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
