import Taro from '@tarojs/taro'
import type { Path, ProblemIndex } from '../definition'

/** What every form tab gets: the working copy, its problems, and the one way to change it. */
export interface TabProps {
  def: unknown
  problems: ProblemIndex
  /** Puts `value` at `path` of the working copy (undefined removes the key). */
  edit: (path: Path, value: unknown) => void
}

/** The element on screen with this id (earlier pages of the stack stay in the DOM, hidden). H5 only. */
function shownElement(id: string): HTMLElement | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined
  return Array.from(document.querySelectorAll<HTMLElement>(`#${id}`)).find((e) => e.offsetParent !== null)
}

/**
 * Scrolls the page to an element of the studio by id (below the sticky tabs: see the scroll
 * margins in studio.scss); quietly does nothing where unsupported.
 */
export function scrollToId(id: string, onlyIfAbove = false): void {
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') {
      // Taro's H5 page scrolls in its own element, not the window: scrollIntoView finds it.
      const el = shownElement(id)
      if (!el || typeof el.scrollIntoView !== 'function') return
      if (onlyIfAbove && el.getBoundingClientRect().top >= 0) return
      el.scrollIntoView({ block: 'start', behavior: onlyIfAbove ? 'auto' : 'smooth' })
      return
    }
    try {
      void Taro.pageScrollTo({ selector: `#${id}`, duration: 200, offsetTop: -60 } as Taro.pageScrollTo.Option).catch(() => undefined)
    } catch {
      /* not available */
    }
  }, onlyIfAbove ? 0 : 80)
}
