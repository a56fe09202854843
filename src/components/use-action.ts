import { useState } from 'react'
import { reportingError } from './report-error'

export interface Action {
  /** True while a task runs (the button shows it loading). */
  busy: boolean
  /** The last failure's message, in Chinese; cleared when a task starts. */
  error: string | undefined
  setError: (message: string | undefined) => void
  /** Runs `task`: busy meanwhile, its failure kept as `error`. */
  run: (task: () => Promise<void>) => Promise<void>
}

/** Something the person starts with a button (download, send, 注销): busy while it runs, and why it failed. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const run = async (task: () => Promise<void>) => {
    setBusy(true)
    await reportingError(task, setError, () => setBusy(false))
  }
  return { busy, error, setError, run }
}
