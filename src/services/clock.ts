/**
 * Server time. Deadlines follow the server's clock, never the phone's: fetch GET /api/time
 * once, estimate the offset at the midpoint of the request, and read `serverNow()`.
 *
 * If the phone's clock is changed while the app runs, the wall clock and the monotonic clock
 * (performance.now, unaffected by clock changes) disagree: we then trust the monotonic reading
 * and fetch the server time again.
 */
import type { ServerTime } from '../../types/domain'
import { http } from './http'

/** Wall-clock jumps larger than this trigger a new sync. */
const DRIFT_MS = 5_000

interface Sync {
  /** Server time at the midpoint of the request. */
  server: number
  /** Phone wall clock at that midpoint. */
  wall: number
  /** Monotonic clock at that midpoint. */
  mono: number
}

let last: Sync | null = null
let pending: Promise<void> | null = null

/** The monotonic clock (performance.now), which a changed phone date does not move. */
export function monotonicNow(): number {
  const perf = (globalThis as { performance?: { now?: () => number } }).performance
  return typeof perf?.now === 'function' ? perf.now() : Date.now()
}

/** Milliseconds since the epoch on the server's clock (the phone's clock until synced). */
export function serverNow(): number {
  if (!last) return Date.now()
  const byWall = last.server + (Date.now() - last.wall)
  const byMono = last.server + (monotonicNow() - last.mono)
  if (Math.abs(byWall - byMono) > DRIFT_MS) {
    void syncClock({ force: true }).catch(() => undefined)
    return byMono
  }
  return byWall
}

export function isClockSynced(): boolean {
  return last !== null
}

/**
 * Takes a server time the page already holds (H5: the first screen's HTML), read by the server
 * at `mono` on this page's monotonic clock (e.g. the navigation's responseStart): no request.
 */
export function adoptServerTime(server: number, mono: number): void {
  if (last) return
  last = { server, wall: Date.now() - (monotonicNow() - mono), mono }
}

/** Fetches the server time once; later calls reuse it unless `force`. A failure may be retried. */
export function syncClock({ force = false } = {}): Promise<void> {
  if (last && !force) return Promise.resolve()
  if (!pending) {
    pending = (async () => {
      const sentWall = Date.now()
      const sentMono = monotonicNow()
      const { data } = await http.get<ServerTime>('/api/time')
      const receivedWall = Date.now()
      const receivedMono = monotonicNow()
      last = { server: data.now, wall: (sentWall + receivedWall) / 2, mono: (sentMono + receivedMono) / 2 }
    })().finally(() => {
      pending = null
    })
  }
  return pending
}
