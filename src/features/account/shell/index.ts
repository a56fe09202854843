/** What the main package needs of the account feature (small: the screens are in packages/account). */
export { AgreeBox, type AgreeBoxProps } from './agree-box'
export { installConsentGate } from './consent-gate'
export { ACCOUNT_ROUTES } from './routes'
