import { useShowAgainKey } from '../../../../components/use-show-again'
import { NotificationSettingsScreen } from '../../../../features/messages/settings'

export default function NotificationSettingsPage() {
  const refreshKey = useShowAgainKey()
  return <NotificationSettingsScreen refreshKey={refreshKey} />
}
