import { Button } from '../../components/button'
import { Text, View, WebView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AGREEMENTS } from '../../../types/agreements'
import { StateView } from '../../components/state-view'
import { isH5 } from '../../services/env'
import { toApiError } from '../../services/http'
import { openPage, relaunch, ROUTES, stackDepth } from '../../services/navigation'
import { loadMe, startTokenSession } from '../../services/session'
import { storage } from '../../services/storage'
import { AgreeBox } from '../account/shell'
import { bindPlatformAccount, exchangeHandoff, h5SignInUrl, mpSignInUrl } from './api'
import './sign-in.scss'

const RETURN_TO_KEY = 'auth.returnTo'

export interface SignInScreenProps {
  /** The route to come back to, e.g. `/pages/profile/index`. */
  returnTo?: string
  /** One-time code handed over by the sign-in web-view (mini-programs). */
  handoff?: string
}

type Phase = { kind: 'intro' } | { kind: 'webview' } | { kind: 'exchanging' } | { kind: 'failed'; message: string }

/** After sign-in: back to the page that asked for it, or to `returnTo` when there is nothing to go back to. */
async function goBack(): Promise<void> {
  const target = storage.get<string>(RETURN_TO_KEY) ?? ROUTES.profile
  storage.remove(RETURN_TO_KEY)
  try {
    if (stackDepth() > 1) await Taro.navigateBack()
    else await relaunch(target)
  } catch {
    await relaunch(ROUTES.home).catch((e) => console.warn('[auth] 无法返回', e))
  }
}

export function SignInScreen({ returnTo, handoff }: SignInScreenProps) {
  const [phase, setPhase] = useState<Phase>(handoff ? { kind: 'exchanging' } : { kind: 'intro' })
  // The agreements are agreed to before signing in: the box starts unticked, the button asks for it.
  const [agreed, setAgreed] = useState(false)
  const [needsTick, setNeedsTick] = useState(false)

  useEffect(() => {
    if (returnTo) storage.set(RETURN_TO_KEY, returnTo)
  }, [returnTo])

  useEffect(() => {
    if (!handoff) return
    let cancelled = false
    ;(async () => {
      try {
        const { token, expiresAt } = await exchangeHandoff(handoff)
        startTokenSession(token, expiresAt)
        // the account's own settings (关怀模式) take over from the device's at once
        await loadMe().catch(() => null)
        await bindPlatformAccount()
        if (cancelled) return
        Taro.showToast({ title: '登录成功', icon: 'success', duration: 1200 })
        await goBack()
      } catch (e) {
        if (!cancelled) setPhase({ kind: 'failed', message: toApiError(e).message })
      }
    })()
    return () => {
      cancelled = true
    }
  }, [handoff])

  const start = () => {
    if (!agreed) {
      setNeedsTick(true)
      return
    }
    if (isH5()) {
      const route = returnTo ?? storage.get<string>(RETURN_TO_KEY) ?? ROUTES.profile
      // The server brings the browser back to `/#<route>` with the session cookie set.
      window.location.href = h5SignInUrl(route)
    } else {
      setPhase({ kind: 'webview' })
    }
  }

  if (phase.kind === 'webview' && process.env.TARO_ENV !== 'h5') {
    return <WebView src={mpSignInUrl()} />
  }
  if (phase.kind === 'exchanging') {
    return (
      <View className='page sign-in'>
        <StateView kind='loading' rows={1} />
        <Text className='ui-value ui-muted ui-center ui-mt-xl'>正在完成登录…</Text>
      </View>
    )
  }
  if (phase.kind === 'failed') {
    return (
      <View className='page sign-in'>
        <StateView kind='error' title='登录未完成' description={phase.message} actionText='重新登录' onAction={() => setPhase({ kind: 'intro' })} />
      </View>
    )
  }
  return (
    <View className='page sign-in'>
      <View className='sign-in__hero'>
        <View className='sign-in__emblem' aria-hidden='true'>
          <Text>征</Text>
        </View>
        <Text className='ui-h1 ui-mb-lg'>企业技术创新需求征集</Text>
        <Text className='ui-para-muted'>使用政务服务账号（法人账号）登录，登录后可完善单位资料、在线填报需求并查看办理进度。</Text>
      </View>
      <AgreeBox agreements={AGREEMENTS} checked={agreed} attention={needsTick} onChange={(v) => (setAgreed(v), setNeedsTick(false))} />
      {needsTick ? (
        <View className='sign-in__consent-needed ui-error ui-mt-xs ui-mb-md' role='alert'>
          请先阅读并勾选同意《用户服务协议》和《隐私政策》，再登录
        </View>
      ) : null}
      <Button className='sign-in__button' type='primary' size='large' block onClick={start}>
        使用政务服务账号登录
      </Button>
      <Button className='sign-in__browse' fill='none' block onClick={() => void openPage(ROUTES.home)}>
        暂不登录，先浏览征集活动
      </Button>
      <Text className='ui-help ui-center'>
        首次登录将自动带入单位名称和统一社会信用代码。登录信息仅用于本次征集活动的需求填报与推荐。
      </Text>
    </View>
  )
}
