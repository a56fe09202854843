import type { Me } from '../../../types/domain'
import { ApiError } from '../../services/http'
import { currentMe, loadMe, signedIn } from '../../services/session'

export type ReviewerRole = 'recommender' | 'bureau'

export interface Viewer {
  me: Me
  role: ReviewerRole
}

export const NOT_A_REVIEWER = 'NOT_A_REVIEWER'

/** The signed-in recommender or bureau account; 401 when signed out, NOT_A_REVIEWER for an enterprise. */
export async function loadViewer(): Promise<Viewer> {
  const me = signedIn(currentMe() ?? (await loadMe()))
  if (me.user.role !== 'recommender' && me.user.role !== 'bureau') {
    throw new ApiError(403, { code: NOT_A_REVIEWER, message: '推荐工作台供推荐单位和科技主管部门使用，当前登录的是需求单位账号' })
  }
  return { me, role: me.user.role }
}
