import { useRouter } from '@tarojs/taro'
import { usePollWhileShown } from '../../../../components/use-poll-while-shown'
import { ThreadScreen } from '../../../../features/messages/thread'
import { CarePage } from '../../../../components/care-page'

/** New messages from the other side show up within half a minute while the thread is open. */
const POLL_MS = 30_000

export default function ThreadPage() {
  const { params } = useRouter()
  const refreshKey = usePollWhileShown(POLL_MS)
  return (
    <CarePage>
      <ThreadScreen id={params.id} refreshKey={refreshKey} />
    </CarePage>
  )
}
