/**
 * The message center (main package: the 消息 tab), its unread badge, and the subscription
 * consent helper. The thread and the settings page live in subpackages and are imported from
 * their own entry files (./thread, ./settings) so the main package does not carry them.
 */
export { MessageCenterScreen } from './message-center-screen'
export { refreshUnreadBadge, setUnreadBadge, useUnreadBadge, useUnreadCount } from './badge'
export { requestPushConsent, type ConsentMoment, type PushConsentResult } from './consent'
export { preparePushConsent } from './push-templates'
