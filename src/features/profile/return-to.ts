/**
 * The way back from 我的 to the campaign whose 发起需求 was refused for the unit's details
 * (incomplete, or a unit type the campaign does not take). 我的 is a tab, opened without a
 * query, so the campaign is kept here while the app runs and offered once the details are saved.
 */
export interface ProfileReturn {
  url: string
  title: string
}

let pending: ProfileReturn | null = null

export function returnAfterProfile(to: ProfileReturn): void {
  pending = to
}

/** The way back, once: the next save of the details does not offer it again. */
export function takeProfileReturn(): ProfileReturn | null {
  const to = pending
  pending = null
  return to
}
