/** Which reminders and pushes a person gets (subpackage packages/demand). */
export { NotificationSettingsScreen } from './settings-screen'
