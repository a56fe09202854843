/**
 * The privacy service: every call of a privacy API (file pickers, the clipboard) goes through here, so
 * the platforms' privacy authorization is asked for where it is needed and nowhere else.
 */
export { chooseFiles } from './files'
export { copyText } from './clipboard'
export { saveImageToAlbum } from './album'
export type { ChooseFilesOptions, ChosenFile, ChosenFiles } from './types'
export { AGREE_BUTTON_ID, openPrivacyContract, PRIVACY_DECLINED, PRIVACY_DECLINED_MESSAGE, withPrivacy } from './authorization'
export { currentPrivacyPrompt, subscribePrivacyPrompt, type PrivacyAnswer, type PrivacyPrompt } from './prompt'
