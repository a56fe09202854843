import { useEffect } from 'react'

/**
 * H5: the server painted this screen as plain HTML before the app ran (#first-paint,
 * server/first-paint.ts), laid over the app; it goes once the app's own screen is on it.
 */
export function useFirstPaintHandover(painted: boolean): void {
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && painted) document.getElementById('first-paint')?.remove()
  }, [painted])
}
