import { useEffect, useRef } from 'react'
import { StateView } from '../../components/state-view'
import type { ApiError } from '../../services/http'
import { goToLogin } from '../../services/navigation'

/** Shown in place of a page that needs sign-in when the person is not signed in. */
export function SignInRequired({ description }: { description?: string }) {
  return (
    <StateView
      kind='empty'
      title='请先登录'
      description={description ?? '使用政务服务账号登录后即可查看'}
      actionText='去登录'
      onAction={() => void goToLogin().catch(() => undefined)}
    />
  )
}

/** Opens the sign-in page once when a load answers 401; coming back shows `SignInRequired` instead of looping. */
export function useRedirectToLoginOnce(error: ApiError | undefined): void {
  const redirected = useRef(false)
  useEffect(() => {
    if (error?.isUnauthenticated && !redirected.current) {
      redirected.current = true
      goToLogin().catch((e) => console.warn('[auth] 无法打开登录页', e))
    }
  }, [error])
}
