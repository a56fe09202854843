import type { ErrorStates } from '../../../components/state-view'
import { openPage, ROUTES } from '../../../services/navigation'
import { NOT_A_REVIEWER } from '../viewer'

/** What a recommender screen says when its load fails: sign in with the right account, the wrong kind of account, not found. */
export function reviewStates(errorTitle?: string): ErrorStates {
  return {
    signedOut: '请使用推荐单位或科技主管部门的政务服务账号登录',
    refused: { [NOT_A_REVIEWER]: { title: '无权使用推荐工作台', actionText: '返回征集活动', onAction: () => void openPage(ROUTES.home) } },
    notFound: { title: '找不到该内容' },
    errorTitle
  }
}
