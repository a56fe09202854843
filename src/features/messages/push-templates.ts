/**
 * The subscription-message templates and the person's consents to them (GET /api/push/templates),
 * fetched ahead of the tap that asks (consent.ts) and kept in memory and storage. This part rides
 * along with every tab page (the badge prepares it on show); the asking itself is in consent.ts,
 * which only the subpackages' screens import, so the main package does not carry it.
 */
import type { Platform } from '../../../types/domain'
import { miniProgramPlatform } from '../../services/env'
import { storage } from '../../services/storage'
import { getPushTemplates, type PushTemplates } from './api'

const STORAGE_KEY = 'push.templates'

let cache: PushTemplates | null = null
let loading: Promise<PushTemplates> | null = null

/** What is known for `platform` without asking the server, or null. */
export function cachedTemplates(platform: Platform): PushTemplates | null {
  if (cache?.platform === platform) return cache
  const stored = storage.get<PushTemplates>(STORAGE_KEY)
  if (stored && typeof stored === 'object' && stored.platform === platform && Array.isArray(stored.templates)) {
    cache = stored
    return stored
  }
  return null
}

/** Keeps what the server answered (GET /api/push/templates or POST /api/push/consents). */
export function rememberTemplates(t: PushTemplates): PushTemplates {
  cache = t
  storage.set(STORAGE_KEY, t)
  return t
}

/** Asks the server (one request at a time) and keeps the answer. */
export function loadTemplates(platform: Platform): Promise<PushTemplates> {
  if (!loading) {
    loading = getPushTemplates(platform)
      .then(rememberTemplates)
      .finally(() => {
        loading = null
      })
  }
  return loading
}

/**
 * Fetches the template ids and the person's consents ahead of the tap that asks, so the
 * panel can open synchronously from the tap. Safe to call often; does nothing on H5 or when
 * signed out. The tab pages call it on show.
 */
export function preparePushConsent(): Promise<void> {
  const platform = miniProgramPlatform()
  if (!platform) return Promise.resolve()
  return loadTemplates(platform).then(
    () => undefined,
    () => undefined
  )
}

/** Forgets what is kept (consent.ts's resetPushConsentCache). */
export function forgetTemplates(): void {
  cache = null
  loading = null
  storage.remove(STORAGE_KEY)
}
