/** Times and numbers as the recommending unit reads them (Beijing time, whatever the phone's zone). */
const OFFSET_MS = 8 * 3_600_000

const pad2 = (n: number) => String(n).padStart(2, '0')

function parts(iso: string) {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return null
  const d = new Date(t + OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** 2025年7月8日 10:05 */
export function formatTime(iso: string): string {
  const p = parts(iso)
  return p ? `${p.y}年${p.m}月${p.d}日 ${pad2(p.h)}:${pad2(p.min)}` : ''
}

/** 7月8日 10:05 (the year is left out within `now`'s year) */
export function formatShortTime(iso: string, now: number = Date.now()): string {
  const p = parts(iso)
  if (!p) return ''
  const year = new Date(now + OFFSET_MS).getUTCFullYear()
  return `${p.y === year ? '' : `${p.y}年`}${p.m}月${p.d}日 ${pad2(p.h)}:${pad2(p.min)}`
}

/** 0.624 → 62% */
export function percent(score: number): string {
  return `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`
}
