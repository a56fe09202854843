/**
 * The one cache of the app's server reads. Every GET of a feature's api goes through `cachedGet`
 * (key: the path with its query): callers that ask at the same time share one request, a value
 * is served from memory while younger than its `staleTime` (default 0: only the request in flight
 * is shared), a failure is never kept, and a mutation `invalidate`s the paths whose data it
 * changes. Signing in or out forgets everything (session.ts).
 */
import { monotonicNow } from './clock'
import { http } from './http'

export interface QueryOptions {
  /** How long (ms) a value is served without asking the server again; Infinity: while the app is open. */
  staleTime?: number
  /** Ask the server even when a value is kept (pages that show deadlines and status). */
  fresh?: boolean
}

interface Entry {
  promise: Promise<unknown>
  /** When the value arrived (the cache's clock); null while the request is in flight. */
  at: number | null
}

/** A cache on its own clock (tests bring theirs; the app's is the monotonic clock, which a changed phone date does not move). */
export function createQueryCache(now: () => number) {
  const entries = new Map<string, Entry>()

  function query<T>(key: string, load: () => Promise<T>, { staleTime = 0, fresh = false }: QueryOptions = {}): Promise<T> {
    const kept = entries.get(key)
    if (kept && (kept.at === null || (!fresh && now() - kept.at < staleTime))) return kept.promise as Promise<T>
    const entry: Entry = { promise: Promise.resolve(), at: null }
    entry.promise = load().then(
      (value) => {
        entry.at = now()
        return value
      },
      (e: unknown) => {
        if (entries.get(key) === entry) entries.delete(key)
        throw e
      }
    )
    entries.set(key, entry)
    return entry.promise as Promise<T>
  }

  /** Forgets every key that starts with `prefix` (all of them without one); a request in flight still answers its callers. */
  function invalidate(prefix = ''): void {
    for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key)
  }

  return { query, invalidate }
}

export const { query, invalidate } = createQueryCache(monotonicNow)

/** The body of `GET path?params`, through the cache. */
export function cachedGet<T>(path: string, params: Record<string, string | number> = {}, options?: QueryOptions): Promise<T> {
  const search = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&')
  const key = search ? `${path}?${search}` : path
  return query(key, () => http.get<T>(path, { params }).then(({ data }) => data), options)
}
