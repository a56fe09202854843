/**
 * The platforms' privacy authorization (隐私保护指引), one contract on both (docs/privacy-apis.md):
 * with the check on (app.json `__usePrivacyCheck__` on WeChat, `useprivacycheck` on Alipay), a
 * privacy API called before the person agreed stays pending and the platform calls the
 * `onNeedPrivacyAuthorization` listener with `resolve`. We show our own sheet; agreeing (the
 * `<button open-type="agreePrivacyAuthorization">`, then `resolve({ event: 'agree', buttonId })`)
 * lets the pending call go on — the file picker opens; declining (`resolve({ event: 'disagree' })`)
 * makes it fail, and we say what will not work. The platform asks again at the next call.
 * H5 has none of this: the call runs as it is.
 */
import Taro from '@tarojs/taro'
import { isMiniProgram } from '../env'
import { ApiError } from '../http'
import { showPrivacyPrompt, type PrivacyAnswer } from './prompt'

/** The id of the sheet's agree button, which the platform checks was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

export const PRIVACY_DECLINED = 'PRIVACY_DECLINED'
export const PRIVACY_DECLINED_MESSAGE =
  '您未同意隐私保护指引，暂时无法从手机选择文件上传附件。已填写的内容不受影响；需要上传时再次点击“添加附件”，同意后即可选择文件。'

type Resolve = (result: { event: PrivacyAnswer | 'exposureAuthorization'; buttonId?: string }) => void

let installed = false
/** The answer of the last prompt, to tell a refusal from another failure of the pending call. */
let lastAnswer: PrivacyAnswer | null = null

function install(): void {
  if (installed) return
  installed = true
  Taro.onNeedPrivacyAuthorization((resolve: Resolve, eventInfo?: { referrer?: string }) => {
    // tells the platform our own prompt is on screen
    resolve({ event: 'exposureAuthorization' })
    showPrivacyPrompt(eventInfo?.referrer ?? '', (answer) => {
      lastAnswer = answer
      resolve(answer === 'agree' ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
    })
  })
}

/**
 * Runs a call of a privacy API through the platform's authorization: resolves with its result
 * (after the person agreed, when they had to); a refusal rejects with ApiError PRIVACY_DECLINED
 * and its Chinese explanation; other failures as they come.
 */
export async function withPrivacy<T>(call: () => Promise<T>): Promise<T> {
  if (!isMiniProgram()) return call()
  install()
  lastAnswer = null
  try {
    return await call()
  } catch (e) {
    if (lastAnswer === 'disagree') throw new ApiError(0, { code: PRIVACY_DECLINED, message: PRIVACY_DECLINED_MESSAGE })
    throw e
  } finally {
    lastAnswer = null
  }
}

/** Opens the platform's page of our privacy guideline (as registered in the WeChat / Alipay console). */
export function openPrivacyContract(): Promise<void> {
  return new Promise((resolve, reject) => Taro.openPrivacyContract({ success: () => resolve(), fail: reject }))
}
