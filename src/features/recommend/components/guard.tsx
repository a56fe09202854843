import type { ReactNode } from 'react'
import { StateView } from '../../../components/state-view'
import type { ApiError } from '../../../services/http'
import { openPage, ROUTES } from '../../../services/navigation'
import { SignInRequired } from '../../auth'
import { NOT_A_REVIEWER } from '../viewer'

/** The error state of a recommender screen: sign in, wrong kind of account, or the server's message with 重试. */
export function reviewError(error: ApiError, retry: () => void, what = '加载失败'): ReactNode {
  if (error.isUnauthenticated) return <SignInRequired description='请使用推荐单位或科技主管部门的政务服务账号登录' />
  if (error.code === NOT_A_REVIEWER) {
    return <StateView kind='empty' title='无权使用推荐工作台' description={error.message} actionText='返回征集活动' onAction={() => void openPage(ROUTES.home)} />
  }
  if (error.status === 404) return <StateView kind='empty' title='找不到该内容' description={error.message} />
  return <StateView kind='error' title={what} description={error.message} actionText='重试' onAction={retry} />
}
