/**
 * 关怀模式 (care mode): larger text, higher contrast, larger targets. One class on the page root
 * (styles/_tokens.scss `care`) switches the design tokens.
 *
 * Where the class goes: on H5 on <html>, so every page (and Taro's own dialogs) follows; the
 * mini-programs cannot put a class on <page>, so every page wraps its screen in `CarePage` (components/care-page.tsx).
 *
 * Remembered per device (storage) and per account (PUT /api/profile/care-mode; /api/auth/me
 * gives it back as `careMode`). At sign-in the account's choice, when it made one, wins over the
 * device's (`adoptAccountCareMode`, called by services/session `loadMe`).
 */
import { useEffect, useState } from 'react'
import { isH5 } from './env'
import { http, isApiError } from './http'
import { storage } from './storage'

export const CARE_CLASS = 'app-care'
const STORAGE_KEY = 'careMode'

let on = false
const listeners = new Set<(on: boolean) => void>()

function apply(value: boolean): void {
  on = value
  if (isH5() && typeof document !== 'undefined') document.documentElement.classList.toggle(CARE_CLASS, value)
  for (const listener of listeners) listener(value)
}

/**
 * At start: the device's remembered choice. On H5 the page's first script (src/index.html) has
 * read it already and put the class on <html> before the first paint; the first access to
 * localStorage is slow (the browser loads the origin's storage), and there it is paid before the
 * page paints rather than in the app's start.
 */
export function restoreCareMode(): void {
  apply(isH5() ? document.documentElement.classList.contains(CARE_CLASS) : storage.get<boolean>(STORAGE_KEY) === true)
}

export function isCareMode(): boolean {
  return on
}

/**
 * Turns care mode on or off on this device at once, then for the signed-in account. A visitor
 * keeps it on the device only; any other failure to save it for the account is thrown (the
 * device keeps the choice all the same).
 */
export async function setCareMode(value: boolean): Promise<void> {
  storage.set(STORAGE_KEY, value)
  apply(value)
  try {
    await http.put('/api/profile/care-mode', { careMode: value })
  } catch (e) {
    if (isApiError(e) && e.isUnauthenticated) return
    throw e
  }
}

/** The account's choice (from /api/auth/me) wins over the device's; null: it never chose. */
export function adoptAccountCareMode(careMode: boolean | null): void {
  if (careMode === null || careMode === on) return
  storage.set(STORAGE_KEY, careMode)
  apply(careMode)
}

/** Whether care mode is on, following every change. */
export function useCareMode(): boolean {
  const [value, setValue] = useState(on)
  useEffect(() => {
    setValue(on)
    listeners.add(setValue)
    return () => {
      listeners.delete(setValue)
    }
  }, [])
  return value
}

/** The class a mini-program page's root View adds (H5 has it on <html> already): '' when off. */
export function useCareClass(): string {
  const value = useCareMode()
  return value && !isH5() ? CARE_CLASS : ''
}
