/**
 * Picking files on the mini-programs: every privacy API of the app is called here, through the
 * platforms' privacy authorization (./authorization.ts). H5 picks with an <input type="file">,
 * which needs none of this (the features do that themselves).
 */
import { isAlipay } from '../env'
import { withPrivacy } from './authorization'
import { chooseFilesAlipay } from './alipay'
import type { ChooseFilesOptions, ChosenFiles } from './types'
import { chooseFilesWeapp } from './weapp'

function isCancel(e: unknown): boolean {
  const msg = String((e as { errMsg?: string })?.errMsg ?? (e as { errorMessage?: string })?.errorMessage ?? e)
  return /cancel/i.test(msg) || (e as { error?: number })?.error === 11
}

const baseName = (path: string) => path.split(/[\\/]/).pop() || path

/**
 * Lets the person pick up to `count` files on WeChat or Alipay. Cancelling gives no files; a
 * refusal of the privacy guideline rejects with ApiError PRIVACY_DECLINED (its message says what
 * will not work and how to try again).
 */
export async function chooseFiles(options: ChooseFilesOptions): Promise<ChosenFiles> {
  try {
    const chosen = await withPrivacy(() => (isAlipay() ? chooseFilesAlipay(options) : chooseFilesWeapp(options)))
    return { ...chosen, files: chosen.files.map((f) => ({ ...f, name: f.name || baseName(f.path) })) }
  } catch (e) {
    if (isCancel(e)) return { files: [] }
    throw e
  }
}
