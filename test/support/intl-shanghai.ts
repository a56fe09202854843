/**
 * An independent oracle for times in Shanghai: the wall-clock parts of an instant as Intl's own
 * time-zone data gives them (not our code), for tests that check how the product writes times.
 */
export type ShanghaiParts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>

export function intlShanghai(instant: number | string): ShanghaiParts {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23'
    })
      .formatToParts(new Date(instant))
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)])
  ) as ShanghaiParts
}

export const pad2 = (n: number) => String(n).padStart(2, '0')
