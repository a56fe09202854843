import { useShowAgainKey } from '../../../../components/use-show-again'
import { NotificationSettingsScreen } from '../../../../features/messages/settings'
import { CarePage } from '../../../../components/care-page'

export default function NotificationSettingsPage() {
  const refreshKey = useShowAgainKey()
  return (
    <CarePage>
      <NotificationSettingsScreen refreshKey={refreshKey} />
    </CarePage>
  )
}
