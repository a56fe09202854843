/** Moving between the wizard, review and versions pages of a demand. */
import Taro from '@tarojs/taro'
import { openPage, ROUTES } from '../../services/navigation'

export const WIZARD_GOTO_EVENT = 'wizard:goto'

export interface WizardGoto {
  id: string
  step?: string
  field?: string
}

function previousPage(): { route?: string; path?: string; options?: Record<string, string> } | undefined {
  const pages = Taro.getCurrentPages?.() ?? []
  return pages[pages.length - 2] as never
}

/**
 * Opens the wizard of `id` at a step (and field). When that wizard is the page right below,
 * goes back to it (one wizard per demand, so two never save over each other).
 */
export async function openWizardAt(target: WizardGoto): Promise<void> {
  const prev = previousPage()
  const route = (prev?.route ?? prev?.path ?? '').split('?')[0].replace(/^\//, '')
  if (route === 'packages/demand/pages/wizard/index' && prev?.options?.id === target.id) {
    Taro.eventCenter.trigger(WIZARD_GOTO_EVENT, target)
    try {
      await Taro.navigateBack()
      return
    } catch {
      /* fall through to opening it */
    }
  }
  await openPage(ROUTES.wizard(target.id, target.step, target.field))
}

/** The H5 window, which is what scrolls there; null in the mini-programs and in jsdom (which cannot scroll). */
function h5Window(): Window | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || typeof window.scrollTo !== 'function') return null
  return /jsdom/i.test(navigator.userAgent) ? null : window
}

/** Scrolls the page to a field (by its frame's id), 16 px below the top; quietly does nothing where unsupported. */
export function scrollToField(fieldId: string): void {
  setTimeout(() => {
    const win = h5Window()
    if (win) {
      // Taro's H5 pageScrollTo goes to the element's offsetTop, which counts from the field's card, not
      // the page; and earlier pages of the stack stay in the DOM, hidden: take the frame on screen.
      const frame = Array.from(document.querySelectorAll<HTMLElement>(`#field-${fieldId}`)).find((e) => e.offsetParent !== null)
      if (frame) win.scrollTo({ top: frame.getBoundingClientRect().top + win.pageYOffset - 16, behavior: 'smooth' })
      return
    }
    try {
      void Taro.pageScrollTo({ selector: `#field-${fieldId}`, duration: 200, offsetTop: -16 } as Taro.pageScrollTo.Option).catch(() => undefined)
    } catch {
      /* not available */
    }
  }, 50)
}

export function scrollToTop(): void {
  // H5: the window scrolls; set it at once (Taro's pageScrollTo animates frame by frame).
  const win = h5Window()
  if (win) {
    win.scrollTo(0, 0)
    return
  }
  if (typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent)) return
  try {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  } catch {
    /* not available */
  }
}

/**
 * Runs `task` a moment after the next frame is painted, so that it neither holds up that
 * frame nor the one after (a save request, storage writes).
 */
export function afterPaint(task: () => void, delayMs = 150): void {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame
  if (typeof raf === 'function') raf(() => setTimeout(task, delayMs))
  else setTimeout(task, 16 + delayMs)
}
