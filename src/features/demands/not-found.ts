import type { StateText } from '../../components/state-view'
import { openPage, ROUTES } from '../../services/navigation'

/** A demand's page whose demand is not there (or not the person's): the server's reason, and 我的需求. */
export const DEMAND_NOT_FOUND: StateText = {
  title: '未找到该需求',
  actionText: '查看我的需求',
  onAction: () => void openPage(ROUTES.demands)
}
