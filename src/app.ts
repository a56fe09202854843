import { useDidShow } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { installConsentGate } from './features/account/shell'
import { restoreCareMode } from './services/care-mode'
import { isClockSynced, syncClock } from './services/clock'
import { enableKeyboardAccess } from './services/keyboard-access'
import { keepScriptLinksInert } from './services/script-links'
import './app.scss'

// H5 only, checked at build time so that the mini-program builds leave it out
if (process.env.TARO_ENV === 'h5') {
  enableKeyboardAccess()
  keepScriptLinksInert()
  // the campaign list's page ships in the app's own scripts (eager), so the first screen is not a
  // chain of page chunks fetched after them; the router's import of it then finds it at hand
  void import(/* webpackMode: "eager" */ './pages/index/index')
  // The app's start in two tasks, not one long one: once its modules have run, the browser has a
  // moment (a tap on the snapshot, a frame) before the app and its router start.
  await new Promise((resolve) => setTimeout(resolve))
}
// 关怀模式 as this device remembers it, before the first page renders
restoreCareMode()
// a changed agreement (403 CONSENT_REQUIRED) opens the agreements again
installConsentGate()

function App({ children }: PropsWithChildren) {
  // Back from the background (where the phone's clock may have been changed): ask the server again.
  useDidShow(() => {
    if (isClockSynced()) syncClock({ force: true }).catch(() => undefined)
  })
  // Pages are rendered as children; the app shell itself has no UI.
  return children
}

export default App
