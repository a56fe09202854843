import { useRouter } from '@tarojs/taro'
import { SignInScreen } from '../../features/auth'

export default function LoginPage() {
  const { params } = useRouter()
  const returnTo = params.returnTo ? decodeURIComponent(params.returnTo) : undefined
  return <SignInScreen returnTo={returnTo} handoff={params.handoff} />
}
