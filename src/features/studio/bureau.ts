import type { Me } from '../../../types/domain'
import { ApiError } from '../../services/http'
import { currentMe, loadMe, signedIn } from '../../services/session'

export const NOT_A_BUREAU = 'NOT_A_BUREAU'

/** The signed-in bureau account; 401 when signed out, NOT_A_BUREAU for any other account. */
export async function loadBureau(): Promise<Me> {
  const me = signedIn(currentMe() ?? (await loadMe()))
  if (me.user.role !== 'bureau') {
    throw new ApiError(403, { code: NOT_A_BUREAU, message: '活动工作室供科技主管部门使用，当前登录的不是科技主管部门账号' })
  }
  return me
}
