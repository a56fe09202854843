import { useEffect, useRef } from 'react'
import type { ApiError } from '../../services/http'
import { goToLogin } from '../../services/navigation'

/** Opens the sign-in page once when a load answers 401; coming back shows the signed-out state instead of looping. */
export function useRedirectToLoginOnce(error: ApiError | undefined): void {
  const redirected = useRef(false)
  useEffect(() => {
    if (error?.isUnauthenticated && !redirected.current) {
      redirected.current = true
      goToLogin().catch((e) => console.warn('[auth] 无法打开登录页', e))
    }
  }, [error])
}
