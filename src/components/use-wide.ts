import { useDidHide, useDidShow } from '@tarojs/taro'
import { useLayoutEffect, useState } from 'react'
import { isH5 } from '../services/env'
import { currentRoute } from '../services/navigation'

/** From this width (CSS px) the H5 build shows list and detail side by side. */
export const WIDE_MIN_PX = 900

/**
 * Taro's H5 build sizes everything in rem from the window's width, up to 40 px at 750 px and
 * more: on a desktop monitor that is a phone screen at twice the size. On the desk pages (the
 * recommender's workbench, the bureau's campaign studio), in a wide window, the root size is
 * set to this instead, so text reads at a desktop size (body text about 16 px) and the
 * two-column layouts have room.
 */
const DESKTOP_ROOT_PX = 22
const DESK_PAGES = ['/packages/recommend/', '/packages/studio/']

function measure(): boolean {
  return isH5() && typeof window !== 'undefined' && window.innerWidth >= WIDE_MIN_PX
}

/** Sets or gives back the root size for the page on top of the router now. */
function applyRootSize(): void {
  if (!isH5() || typeof document === 'undefined') return
  const root = document.documentElement
  let ours = false
  try {
    const route = currentRoute()
    ours = DESK_PAGES.some((p) => route.startsWith(p))
  } catch {
    /* no router (a screen rendered on its own) */
  }
  if (ours && measure()) {
    root.style.fontSize = `${DESKTOP_ROOT_PX}px`
    root.classList.add('rc-desktop')
  } else if (root.classList.contains('rc-desktop')) {
    root.classList.remove('rc-desktop')
    // Taro's own script (index.html) recomputes its size on resize.
    window.dispatchEvent(new Event('resize'))
  }
}

/** The same, once the router has settled which page is on top (a page shown or hidden in a navigation). */
function syncRootSize(): void {
  setTimeout(applyRootSize, 0)
}

/**
 * True in a desktop browser window (H5, ≥ 900 px wide); always false in the mini-programs.
 * Also keeps the desktop text size while one of our pages is on top.
 */
export function useWide(): boolean {
  const [wide, setWide] = useState(measure)
  // Before the first paint too: a page opened at its own address (a desk page reloaded, a link)
  // is on top already, and its first frame must not grow when the size changes (layout shift).
  useLayoutEffect(() => {
    if (!isH5() || typeof window === 'undefined') return
    const onResize = () => {
      const now = measure()
      setWide(now)
      // Taro's script has just reset the size; set ours again if still wanted.
      if (now || document.documentElement.classList.contains('rc-desktop')) syncRootSize()
    }
    window.addEventListener('resize', onResize)
    applyRootSize()
    syncRootSize()
    return () => {
      window.removeEventListener('resize', onResize)
      syncRootSize()
    }
  }, [])
  return wide
}

/** For the pages of the desk subpackages: the desktop text size follows them as they are shown and hidden. */
export function useDesktopTextSize(): void {
  useDidShow(syncRootSize)
  useDidHide(syncRootSize)
}
