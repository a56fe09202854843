/** A GET's answer as the page's first script took it: the status and the parsed JSON body. */
export interface EarlyAnswer {
  status: number
  data: unknown
}

/** How long after the page opened an early answer is still taken (older: the app asks afresh). */
const FRESH_FOR_MS = 30_000

/**
 * H5: the answer of a GET that the page's first script (server/first-paint.ts earlyScript)
 * started before the app had loaded, keyed by the URL the app asks for; each is taken once.
 * Undefined elsewhere, for any other URL, and once the page has been open a while.
 */
export function takeEarlyAnswer(url: string): Promise<EarlyAnswer> | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined
  const answers = (window as { __earlyAnswers?: Record<string, Promise<EarlyAnswer>> }).__earlyAnswers
  const answer = answers?.[url]
  if (!answer) return undefined
  delete answers[url]
  return performance.now() < FRESH_FOR_MS ? answer : undefined
}
