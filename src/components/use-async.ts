import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { ApiError, toApiError } from '../services/http'
import { useRefreshOnKey } from './use-refresh-key'

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }

export type AsyncResult<T> = AsyncState<T> & {
  /** Loads again, showing the loading state. */
  reload: () => void
  /** Loads again in the background, keeping what is on screen until the answer comes. */
  refresh: () => void
  /** Replaces the data (e.g. after a save returned the new value). */
  setData: (data: T) => void
}

/**
 * Runs `load` on mount and whenever `deps` change; later answers win over earlier ones.
 * With `initial` (data the page already holds), the first render shows it and the mount does not load.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, initial?: T): AsyncResult<T> {
  const [state, setState] = useState<AsyncState<T>>(initial === undefined ? { status: 'loading' } : { status: 'success', data: initial })
  const skipMount = useRef(initial !== undefined)
  const latest = useRef(0)
  const mounted = useRef(true)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback((background: boolean) => {
    const id = ++latest.current
    if (!background) setState({ status: 'loading' })
    loadRef
      .current()
      .then((data) => {
        if (mounted.current && id === latest.current) setState({ status: 'success', data })
      })
      .catch((e: unknown) => {
        if (!mounted.current || id !== latest.current) return
        // A failed background refresh keeps what is shown.
        setState((prev) => (background && prev.status === 'success' ? prev : { status: 'error', error: toApiError(e) }))
      })
  }, [])

  useEffect(() => {
    mounted.current = true
    if (skipMount.current) skipMount.current = false
    else run(false)
    return () => {
      mounted.current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  const reload = useCallback(() => run(false), [run])
  const refresh = useCallback(() => run(true), [run])
  const setData = useCallback((data: T) => setState({ status: 'success', data }), [])
  return { ...state, reload, refresh, setData }
}

/** How a page asks its screen to load again, and hears that it has. */
export interface ScreenRefresh {
  /** Bumped when the page is shown again or pulled down. */
  refreshKey?: number
  /** Called when each load ends (the pull-down stops spinning). */
  onRefreshed?: () => void
}

/**
 * useAsync for a screen's data: loads again whenever `refreshKey` changes, in the background
 * while data is on screen and showing the loading state otherwise.
 */
export function useScreenAsync<T>(load: () => Promise<T>, deps: DependencyList, { refreshKey, onRefreshed }: ScreenRefresh): AsyncResult<T> {
  const state = useAsync(() => load().finally(() => onRefreshed?.()), deps)
  useRefreshOnKey(refreshKey, () => (state.status === 'success' ? state.refresh() : state.reload()))
  return state
}

/**
 * Loads what the page's link names by its id; a link without the id fails as not found
 * (404), so the screen shows its not-found state as for an id the server does not know.
 */
export function loadById<T>(id: string | undefined, what: string, load: (id: string) => Promise<T>): Promise<T> {
  return id ? load(id) : Promise.reject(new ApiError(404, { code: 'NOT_FOUND', message: `链接中缺少${what}编号` }))
}
