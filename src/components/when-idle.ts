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
