/**
 * Our privacy sheet (隐私保护提示): shown when a platform says a privacy API needs the person's
 * agreement (services/privacy), on the page that made the call. It names what is collected and
 * why, links the full policy, and answers the platform: 同意并继续 is the platform's
 * `agreePrivacyAuthorization` button (the pending call then goes on: the picker opens),
 * 不同意 refuses (the caller says what will not work). `preview` shows the same text with one
 * button to close (账号与数据, where H5 shows it: H5 has no platform prompt).
 */
import { Button as TaroButton, Text, View } from '@tarojs/components'
import { useEffect, useId, useSyncExternalStore } from 'react'
import { AGREE_BUTTON_ID, currentPrivacyPrompt, openPrivacyContract, subscribePrivacyPrompt } from '../../services/privacy'
import './privacy-sheet.scss'

/** The sheets on screen, latest last: only the latest shows the prompt (one per page on top). */
const hosts: string[] = []

export interface PrivacySheetProps {
  /** Shows the text without a pending prompt, to read (H5); closed with 知道了. */
  preview?: { onClose(): void; onOpenPolicy(): void }
}

export function PrivacySheet({ preview }: PrivacySheetProps) {
  const id = useId()
  const prompt = useSyncExternalStore(subscribePrivacyPrompt, currentPrivacyPrompt, currentPrivacyPrompt)
  useEffect(() => {
    hosts.push(id)
    return () => void hosts.splice(hosts.indexOf(id), 1)
  }, [id])

  const shown = preview ? true : prompt !== null && hosts[hosts.length - 1] === id
  if (!shown) return null

  const openPolicy = () => {
    if (preview) preview.onOpenPolicy()
    else openPrivacyContract().catch((e) => console.warn('[privacy] 无法打开隐私保护指引', e))
  }
  const titleId = `${id}-title`
  return (
    <View className='privacy-sheet'>
      <View className='privacy-sheet__mask' aria-hidden='true' />
      <View className='privacy-sheet__panel' role='dialog' aria-modal='true' aria-labelledby={titleId} data-testid='privacy-sheet'>
        <Text className='ui-h3 ui-center' id={titleId}>
          隐私保护提示
        </Text>
        <Text className='ui-para'>上传附件需要从您的手机选择文件。使用前请了解我们如何处理这些信息：</Text>
        <View className='privacy-sheet__list' role='list'>
          <View className='ui-para' role='listitem'>
            收集：您选择的文件（文件名、大小和内容）。
          </View>
          <View className='ui-para' role='listitem'>
            用途：作为需求附件随需求提交，仅用于本次征集活动。
          </View>
          <View className='ui-para' role='listitem'>
            查看：您选择的推荐单位和科技主管部门，审核需求时查看。
          </View>
          <View className='ui-para' role='listitem'>
            保存：提交的附件随征集活动档案保存；未提交的草稿可随时删除，注销账号时一并删除。
          </View>
        </View>
        <View className='ui-link-lg ui-target-line' role='link' onClick={openPolicy}>
          阅读完整的《隐私政策》
        </View>
        {preview ? (
          <View className='ui-flex ui-gap-xl'>
            <TaroButton className='privacy-sheet__button privacy-sheet__button--primary' onClick={preview.onClose}>
              知道了
            </TaroButton>
          </View>
        ) : (
          <View className='ui-flex ui-gap-xl'>
            <TaroButton className='privacy-sheet__button' onClick={() => prompt!.answer('disagree')}>
              不同意
            </TaroButton>
            <TaroButton
              id={AGREE_BUTTON_ID}
              className='privacy-sheet__button privacy-sheet__button--primary'
              openType='agreePrivacyAuthorization'
              onAgreePrivacyAuthorization={() => prompt!.answer('agree')}
            >
              同意并继续
            </TaroButton>
          </View>
        )}
      </View>
    </View>
  )
}
