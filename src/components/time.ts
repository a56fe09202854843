/** Times of messages and status changes as people read them: Shanghai time, relative to the server's clock. */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

function shanghai(instant: number) {
  const d = new Date(instant + SHANGHAI_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** Days since the epoch of the Shanghai calendar day of an instant. */
const shanghaiDay = (instant: number) => Math.floor((instant + SHANGHAI_OFFSET_MS) / DAY_MS)

/** “2026年3月5日 14:05” (Shanghai). */
export function formatInstant(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const p = shanghai(t)
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`
}

/** Short, for lists: “14:05” today, “昨天 14:05”, “3月5日 14:05” this year, “2025年3月5日” before. */
export function formatShortTime(iso: string, now: number): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const p = shanghai(t)
  const days = shanghaiDay(now) - shanghaiDay(t)
  const clock = `${pad(p.h)}:${pad(p.min)}`
  if (days <= 0) return clock
  if (days === 1) return `昨天 ${clock}`
  if (p.y === shanghai(now).y) return `${p.m}月${p.d}日 ${clock}`
  return `${p.y}年${p.m}月${p.d}日`
}
