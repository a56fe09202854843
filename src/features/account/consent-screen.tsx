/**
 * Shown when the agreements changed since the person agreed (the server answered
 * CONSENT_REQUIRED): the new versions, an unchecked box, 同意并继续; or sign out.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/button'
import { AsyncView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { toApiError } from '../../services/http'
import { relaunch, ROUTES, stackDepth } from '../../services/navigation'
import { signOut } from '../../services/session'
import { agreeTo, getConsents } from './api'
import { AgreeBox } from './shell'
import './account.scss'

export function ConsentScreen() {
  const state = useAsync(getConsents, [])
  const [checked, setChecked] = useState(false)
  const [attention, setAttention] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const leave = async () => {
    if (stackDepth() > 1) await Taro.navigateBack()
    else await relaunch(ROUTES.home)
  }

  return (
    <View className='page account consent'>
      <AsyncView state={state} states={{ signedOut: '登录后查看需要同意的协议' }}>
        {({ missing }) =>
          missing.length === 0 ? (
            <View className='card'>
              <Text className='ui-para-muted ui-mb-lg'>您已同意当前版本的全部协议。</Text>
              <Button block type='primary' onClick={() => void leave()}>
                继续使用
              </Button>
            </View>
          ) : (
            <View className='card'>
              <View className='ui-h2 ui-mb-md' role='heading' aria-level={1}>
                协议已更新
              </View>
              <Text className='ui-para-muted ui-mb-lg'>
                为继续使用需求填报，请阅读并同意以下协议的新版本：{missing.map((a) => `《${a.title}》（${a.effective} 起生效）`).join('、')}。
              </Text>
              <AgreeBox agreements={missing} checked={checked} attention={attention} onChange={(v) => (setChecked(v), setAttention(false))} />
              {error ? (
                <View className='ui-error ui-mt-sm ui-mb-sm' role='alert'>
                  {error}
                </View>
              ) : null}
              <Button
                className='consent__agree'
                block
                type='primary'
                loading={busy}
                onClick={async () => {
                  if (!checked) {
                    setAttention(true)
                    setError('请先勾选“我已阅读并同意”')
                    return
                  }
                  setBusy(true)
                  setError(undefined)
                  try {
                    await agreeTo(missing)
                    Taro.showToast({ title: '已同意', icon: 'success', duration: 1200 })
                    await leave()
                  } catch (e) {
                    setError(toApiError(e).message)
                  } finally {
                    setBusy(false)
                  }
                }}
              >
                同意并继续
              </Button>
              <Button
                className='consent__decline'
                block
                fill='none'
                onClick={async () => {
                  await signOut().catch(() => undefined)
                  await relaunch(ROUTES.home)
                }}
              >
                不同意，退出登录
              </Button>
            </View>
          )
        }
      </AsyncView>
    </View>
  )
}
