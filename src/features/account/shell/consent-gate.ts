/**
 * When the agreements change, the server answers 403 CONSENT_REQUIRED to a signed-in person who
 * has not agreed to the new versions: the app then opens the agreements (once at a time).
 */
import { onApiError } from '../../../services/http'
import { currentRoute, openPage } from '../../../services/navigation'
import { ACCOUNT_ROUTES } from './routes'

/** Whether the agreements are already on top (the router may not be ready: then they are not). */
function onConsentPage(): boolean {
  try {
    return currentRoute().startsWith(ACCOUNT_ROUTES.consent)
  } catch {
    return false
  }
}

let installed = false
let opening = false

export function installConsentGate(): void {
  if (installed) return
  installed = true
  onApiError((error) => {
    if (error.code !== 'CONSENT_REQUIRED' || opening || onConsentPage()) return
    opening = true
    void openPage(ACCOUNT_ROUTES.consent).finally(() => {
      opening = false
    })
  })
}
