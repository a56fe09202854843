import { startTransition, useEffect, useState } from 'react'

/** Runs `task` when the page is idle (after a short pause where idle callbacks are missing); returns a cancel. */
export function whenIdle(task: () => void): () => void {
  const g = globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (h: number) => void }
  if (typeof g.requestIdleCallback === 'function') {
    let handle = 0
    const t = setTimeout(() => {
      handle = g.requestIdleCallback!(task, { timeout: 2000 })
    }, 250)
    return () => {
      clearTimeout(t)
      if (handle) g.cancelIdleCallback?.(handle)
    }
  }
  const t = setTimeout(task, 400)
  return () => clearTimeout(t)
}

/**
 * How many of `total` parts to render: `first` at once, then `step` more each time the page is
 * idle, in a transition (React renders them in slices). For what a first screen does not show:
 * opening a page is then not one long task for parts nobody sees yet, which the first taps would
 * wait behind; a step of one part keeps each part's own drawing a task of its own.
 */
export function useRevealed(total: number, first: number, step = total): number {
  const [more, setMore] = useState(0)
  const shown = Math.min(total, first + more)
  useEffect(() => {
    if (shown >= total) return
    return whenIdle(() => startTransition(() => setMore((n) => n + step)))
  }, [shown, total, step])
  return shown
}
