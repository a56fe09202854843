/** Numbers as the recommending unit reads them. Times and days: types/time. */
/** 0.624 → 62% */
export function percent(score: number): string {
  return `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`
}
