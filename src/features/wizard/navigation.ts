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

/** Scrolls the page to a field (by its frame's id); quietly does nothing where unsupported. */
export function scrollToField(fieldId: string): void {
  setTimeout(() => {
    try {
      void Taro.pageScrollTo({ selector: `#field-${fieldId}`, duration: 200, offsetTop: -16 } as Taro.pageScrollTo.Option).catch(() => undefined)
    } catch {
      /* not available */
    }
  }, 50)
}

export function scrollToTop(): void {
  // H5: the window scrolls; set it at once (Taro's pageScrollTo animates frame by frame).
  const jsdom = typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent)
  if (jsdom) return
  if (typeof window !== 'undefined' && typeof window.scrollTo === 'function' && process.env.TARO_ENV === 'h5') {
    try {
      window.scrollTo(0, 0)
      return
    } catch {
      /* jsdom */
    }
  }
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
