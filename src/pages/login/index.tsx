import { SignInScreen } from '../../features/auth'
import { screenPage } from '../../components/screen-page'

export default screenPage(({ params }) => (
  <SignInScreen returnTo={params.returnTo ? decodeURIComponent(params.returnTo) : undefined} handoff={params.handoff} />
))
