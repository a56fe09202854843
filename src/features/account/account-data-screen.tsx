/**
 * 我的 → 账号与数据: the agreements and when they were agreed to, what the upload prompt says,
 * download my data (H5: a JSON file; mini-programs: shown here, since they cannot save a JSON
 * file for the person), correct my details (the profile), and 注销 (enterprise accounts).
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AGREEMENTS } from '../../../types/agreements'
import type { Me } from '../../../types/domain'
import { Button } from '../../components/button'
import { confirmed } from '../../components/confirm'
import { PrivacySheet } from '../../components/privacy-sheet'
import { TextInput } from '../../components/text-input'
import { AsyncView } from '../../components/state-view'
import { useAction } from '../../components/use-action'
import { useAsync } from '../../components/use-async'
import { downloadFile } from '../../services/download'
import { isH5 } from '../../services/env'
import { openPage, relaunch, ROUTES } from '../../services/navigation'
import { loadMe, signedIn } from '../../services/session'
import { clearToken } from '../../services/token'
import { deleteAccount, EXPORT_PATH, getConsents, getExport, type ConsentState } from './api'
import { ACCOUNT_ROUTES } from './shell'
import './account.scss'

/** What the person types to confirm 注销 (the server checks the same word). */
export const DELETION_WORD = '注销'

interface Loaded {
  me: Me
  consents: ConsentState
}

const load = async (): Promise<Loaded> => ({ me: signedIn(await loadMe()), consents: await getConsents() })

/** `2026-12-03T02:00:00Z` → 2026年12月3日 10:00 (China time, whatever the phone's zone). */
function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

function Row({ label, detail, onClick, testId }: { label: string; detail?: string; onClick: () => void; testId?: string }) {
  return (
    <View className='account__row ui-line-between' role='link' data-testid={testId} onClick={onClick}>
      <View className='ui-grow ui-col ui-gap-2xs'>
        <Text className='ui-value'>{label}</Text>
        {detail ? <Text className='ui-help'>{detail}</Text> : null}
      </View>
      <Text className='account__arrow' aria-hidden='true'>
        ›
      </Text>
    </View>
  )
}

function ExportSection() {
  const { busy, error, run } = useAction()
  const [downloaded, setDownloaded] = useState<string>()
  const [shown, setShown] = useState<string>()
  const exportData = () =>
    run(async () => {
      setDownloaded(undefined)
      if (isH5()) {
        const { fileName } = await downloadFile(EXPORT_PATH, '我的数据.json', '我的数据')
        setDownloaded(`已下载“${fileName}”`)
      } else {
        setShown(JSON.stringify(await getExport(), null, 2))
      }
    })
  const message = error ?? downloaded
  return (
    <View className='card'>
      <Text className='section-title'>下载我的数据</Text>
      <Text className='ui-para-muted ui-mb-lg'>
        包括单位资料、全部需求及其提交版本、留言与消息、协议同意记录、小程序绑定和订阅授权。
        {isH5() ? '下载为 JSON 文件。' : '在此显示全文；如需保存为文件，请在电脑上打开网页版下载。'}
      </Text>
      <Button className='account__export' block fill='outline' loading={busy} onClick={exportData}>
        {isH5() ? '下载我的数据' : '查看我的数据'}
      </Button>
      {message ? (
        <View className='ui-help' role='status'>
          {message}
        </View>
      ) : null}
      {shown ? (
        <Text className='account__export-text' selectable userSelect data-testid='export-text'>
          {shown}
        </Text>
      ) : null}
    </View>
  )
}

function DeleteSection({ me }: { me: Me }) {
  const [typed, setTyped] = useState('')
  const { busy, error, setError, run } = useAction()
  if (me.user.role !== 'enterprise') {
    return (
      <View className='card'>
        <Text className='section-title'>注销账号</Text>
        <Text className='ui-para-muted ui-mb-lg'>推荐单位和科技主管部门的账号承载审核记录，不能自行注销。如需停用，请联系科技主管部门办理。</Text>
      </View>
    )
  }
  const deleteIt = async () => {
    setError(undefined)
    if (typed.trim() !== DELETION_WORD) {
      setError(`请输入“${DELETION_WORD}”两个字确认`)
      return
    }
    if (!(await confirmed('注销账号', '注销后不可恢复：草稿、单位资料、消息和小程序绑定将被删除，已提交的需求按说明去除联系人信息后保留。确定注销？', '确定注销'))) return
    await run(async () => {
      await deleteAccount(typed)
      // This phone forgets the session and every local draft.
      clearToken()
      try {
        Taro.clearStorageSync()
      } catch {
        /* nothing stored */
      }
      Taro.showToast({ title: '账号已注销', icon: 'success', duration: 1500 })
      await relaunch(ROUTES.home)
    })
  }
  return (
    <View className='card account__delete'>
      <Text className='section-title'>注销账号</Text>
      <View className='ui-col ui-gap-sm ui-para-muted ui-mb-lg' role='list'>
        <View role='listitem'>删除：未提交的草稿、单位资料、消息中心、微信/支付宝绑定和订阅授权、待发送的提醒；所有设备退出登录。</View>
        <View role='listitem'>保留：已提交的需求及其版本、附件和留言，作为征集活动档案；其中联系人姓名、手机号和电话、邮箱类填报项被删除或替换为“已注销用户”。</View>
        <View role='listitem'>注销不可恢复；同一政务服务账号再次登录将是一个新账号。</View>
      </View>
      <Text className='ui-value ui-mb-sm'>请输入“{DELETION_WORD}”确认</Text>
      <TextInput
        name='confirm'
        aria-label={`请输入${DELETION_WORD}确认`}
        placeholder={DELETION_WORD}
        value={typed}
        maxLength={10}
        onChange={(v) => setTyped(v)}
      />
      {error ? (
        <View className='ui-error ui-mt-sm ui-mb-sm' role='alert'>
          {error}
        </View>
      ) : null}
      <Button className='account__delete-button' block type='danger' loading={busy} onClick={deleteIt}>
        注销账号
      </Button>
    </View>
  )
}

export function AccountDataScreen() {
  const state = useAsync(load, [])
  const [previewSheet, setPreviewSheet] = useState(false)
  return (
    <View className='page account'>
      <AsyncView state={state} states={{ signedOut: '登录后管理您的账号与数据' }}>
        {({ me, consents }) => (
          <>
            <View className='card'>
              <Text className='section-title'>协议与授权</Text>
              {AGREEMENTS.map((a) => {
                const agreed = consents.consents.find((c) => c.document === a.id && c.version === a.version)
                return (
                  <Row
                    key={a.id}
                    label={`《${a.title}》`}
                    detail={agreed ? `已同意版本 ${a.version}（${chinaTime(agreed.agreedAt)}）` : `版本 ${a.version}，尚未同意`}
                    onClick={() => void openPage(ACCOUNT_ROUTES.agreement(a.id))}
                  />
                )
              })}
              <Row label='上传附件时的隐私提示' detail='选择手机中的文件前，我们向您说明的内容' testId='privacy-sheet-preview' onClick={() => setPreviewSheet(true)} />
            </View>
            <View className='card'>
              <Text className='section-title'>更正我的资料</Text>
              <Row
                label='联系人与单位类型'
                detail='在“我的”中修改；单位名称和信用代码请在政务服务网更正后重新登录'
                onClick={() => void openPage(ROUTES.profile)}
              />
            </View>
            <ExportSection />
            <DeleteSection me={me} />
            {previewSheet ? (
              <PrivacySheet preview={{ onClose: () => setPreviewSheet(false), onOpenPolicy: () => void openPage(ACCOUNT_ROUTES.agreement('privacy')) }} />
            ) : null}
          </>
        )}
      </AsyncView>
    </View>
  )
}
