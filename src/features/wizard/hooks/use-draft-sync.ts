import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { isH5 } from '../../../services/env'
import { openDrafts, type DraftSnapshot, type DraftSync } from './draft-sync'

/**
 * Follows a DraftSync from React and wires it to the platform: saved when the app goes to
 * the background (Taro.onAppHide; on H5 also `visibilitychange` / `pagehide`), retried as
 * soon as the network is back (Taro.onNetworkStatusChange; on H5 also the `online` event),
 * and flushed when the screen goes away.
 */
export function useDraftSync(sync: DraftSync | null): DraftSnapshot | null {
  const [snapshot, setSnapshot] = useState<DraftSnapshot | null>(() => sync?.getSnapshot() ?? null)

  useEffect(() => {
    if (!sync) return
    setSnapshot(sync.getSnapshot())
    openDrafts.set(sync.id, sync)
    const unsubscribe = sync.subscribe(() => setSnapshot(sync.getSnapshot()))

    const onHide = () => void sync.flush()
    const onNetwork = (res: { isConnected: boolean }) => {
      if (res.isConnected) sync.retryNow()
    }
    safe(() => Taro.onAppHide(onHide))
    safe(() => Taro.onNetworkStatusChange(onNetwork))

    let onVisibility: (() => void) | undefined
    let onOnline: (() => void) | undefined
    if (isH5() && typeof window !== 'undefined') {
      onVisibility = () => {
        if (document.visibilityState === 'hidden') void sync.flush()
      }
      onOnline = () => sync.retryNow()
      document.addEventListener('visibilitychange', onVisibility)
      window.addEventListener('pagehide', onHide)
      window.addEventListener('online', onOnline)
    }

    return () => {
      unsubscribe()
      if (openDrafts.get(sync.id) === sync) openDrafts.delete(sync.id)
      safe(() => Taro.offAppHide(onHide))
      safe(() => Taro.offNetworkStatusChange(onNetwork))
      if (onVisibility) document.removeEventListener('visibilitychange', onVisibility)
      if (onOnline) window.removeEventListener('online', onOnline)
      if (isH5() && typeof window !== 'undefined') window.removeEventListener('pagehide', onHide)
      // Leaving the screen: send what is left, then stop.
      void sync.flush().finally(() => sync.dispose())
    }
  }, [sync])

  return snapshot
}

/** Platform listeners some runtimes lack (e.g. in tests): never let them break the wizard. */
function safe(register: () => unknown) {
  try {
    register()
  } catch {
    /* not available here */
  }
}
