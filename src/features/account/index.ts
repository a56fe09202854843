/** The account feature's screens (packages/account); the main package takes ./shell only. */
export { AccountDataScreen } from './account-data-screen'
export { AgreementScreen } from './agreement-screen'
export { ConsentScreen } from './consent-screen'
