export { SignInScreen } from './sign-in-screen'
export { SignInRequired, useRedirectToLoginOnce } from './sign-in-required'
export { bindPlatformAccount, exchangeHandoff } from './api'
