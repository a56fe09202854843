import type { ErrorStates } from '../../../components/state-view'
import { openPage, ROUTES } from '../../../services/navigation'
import { NOT_A_BUREAU } from '../bureau'

const notABureau = { title: '无权使用活动工作室', actionText: '返回征集活动', onAction: () => void openPage(ROUTES.home) }

/** What a studio screen says when its load fails (the triage is ErrorState's). */
export const STUDIO_STATES: ErrorStates = {
  signedOut: '请使用科技主管部门的政务服务账号登录',
  refused: { [NOT_A_BUREAU]: notABureau, FORBIDDEN: notABureau },
  notFound: { title: '找不到该征集活动', actionText: '返回活动工作室', onAction: () => void openPage(ROUTES.studio) }
}
