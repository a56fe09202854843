export { WizardScreen, DEADLINE_BANNER } from './wizard-screen'
export { ReviewScreen } from './review-screen'
export { VersionsScreen } from './versions-screen'
