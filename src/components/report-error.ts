import { toApiError } from '../services/http'

/**
 * Runs a save or another request of a control: clears the shown error, runs `task`, shows the
 * failure's message, and runs `done` (e.g. to end the busy state) either way.
 */
export async function reportingError(task: () => Promise<void>, setError: (message: string | undefined) => void, done: () => void): Promise<void> {
  setError(undefined)
  try {
    await task()
  } catch (e) {
    setError(toApiError(e).message)
  } finally {
    done()
  }
}
