export { ProfileScreen } from './profile-screen'
export { ProfileForm } from './profile-form'
export { returnAfterProfile } from './return-to'
