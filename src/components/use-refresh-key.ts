import { useEffect, useRef } from 'react'

/** Calls `refresh` whenever `key` changes after the first render (pages bump it on show / pull-down). */
export function useRefreshOnKey(key: number | undefined, refresh: () => void): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    if (key !== undefined) refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
}
