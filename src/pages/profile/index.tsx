import { useShowAgainKey } from '../../components/use-show-again'
import { useUnreadBadge } from '../../features/messages'
import { ProfileScreen } from '../../features/profile'
import { CarePage } from '../../components/care-page'

export default function ProfilePage() {
  useUnreadBadge()
  // Coming back (e.g. from the sign-in page) loads again what could not be shown before.
  const refreshKey = useShowAgainKey()
  return (
    <CarePage>
      <ProfileScreen refreshKey={refreshKey} />
    </CarePage>
  )
}
