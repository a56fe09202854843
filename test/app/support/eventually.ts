/**
 * Waits until `check` stops throwing, letting React commit what arrives from the server
 * in between. (The waitFor of @tarojs/test-utils-dom checks a throwing callback only once:
 * after the first throw its status stays 'pending' and later checks are skipped.)
 * Counts attempts rather than reading the clock, so it also works when a test skews the clock.
 */
import { act } from '@tarojs/test-utils-react/dist/pure'

export async function eventually<T>(check: () => T | Promise<T>, { timeout = 15000, interval = 50 } = {}): Promise<T> {
  let lastError: unknown
  const attempts = Math.ceil(timeout / interval)
  for (let i = 0; i <= attempts; i++) {
    try {
      return await check()
    } catch (e) {
      lastError = e
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, interval))
    })
  }
  throw lastError
}
