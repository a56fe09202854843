import { useRouter } from '@tarojs/taro'
import { SignInScreen } from '../../features/auth'
import { CarePage } from '../../components/care-page'

export default function LoginPage() {
  const { params } = useRouter()
  const returnTo = params.returnTo ? decodeURIComponent(params.returnTo) : undefined
  return (
    <CarePage>
      <SignInScreen returnTo={returnTo} handoff={params.handoff} />
    </CarePage>
  )
}
