import type { ReactNode } from 'react'
import { StateView } from '../../../components/state-view'
import type { ApiError } from '../../../services/http'
import { openPage, ROUTES } from '../../../services/navigation'
import { SignInRequired } from '../../auth'
import { NOT_A_BUREAU } from '../bureau'

/** The error state of a studio screen: sign in, wrong kind of account, not found, or the server's message with 重试. */
export function studioError(error: ApiError, retry: () => void): ReactNode {
  if (error.isUnauthenticated) return <SignInRequired description='请使用科技主管部门的政务服务账号登录' />
  if (error.code === NOT_A_BUREAU || error.status === 403) {
    return <StateView kind='empty' title='无权使用活动工作室' description={error.message} actionText='返回征集活动' onAction={() => void openPage(ROUTES.home)} />
  }
  if (error.status === 404) {
    return <StateView kind='empty' title='找不到该征集活动' description={error.message} actionText='返回活动工作室' onAction={() => void openPage(ROUTES.studio)} />
  }
  return <StateView kind='error' title='加载失败' description={error.message} actionText='重试' onAction={retry} />
}
