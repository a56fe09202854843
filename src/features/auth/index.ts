export { SignInScreen } from './sign-in-screen'
export { useRedirectToLoginOnce } from './use-redirect-to-login'
export { bindPlatformAccount, exchangeHandoff } from './api'
