import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_LABELS, type Me, type Profile } from '../../../types/domain'
import { CareSwitch } from '../../components/care-switch'
import { AsyncView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { useRefreshOnKey } from '../../components/use-refresh-key'
import { openPage, ROUTES } from '../../services/navigation'
import { loadMe, signedIn, signOut } from '../../services/session'
import { ACCOUNT_ROUTES } from '../account/shell'
import { useRedirectToLoginOnce } from '../auth'
import { getProfile, updateProfile } from './api'
import { ProfileForm } from './profile-form'
import { takeProfileReturn, type ProfileReturn } from './return-to'
import './profile.scss'

/** The pages 我的 opens, by role. */
function menuFor(role: Me['user']['role']): Array<{ label: string; url: string; testId?: string }> {
  return [
    role === 'enterprise' ? { label: '我的需求', url: ROUTES.demands } : { label: '推荐工作台', url: ROUTES.recommend, testId: 'open-workbench' },
    ...(role === 'bureau' ? [{ label: '活动工作室', url: ROUTES.studio, testId: 'open-studio' }] : []),
    { label: '提醒设置', url: ROUTES.notificationSettings },
    { label: '账号与数据', url: ACCOUNT_ROUTES.data, testId: 'open-account-data' }
  ]
}

interface Loaded {
  me: Me
  profile: Profile
}

const loadAccount = async (): Promise<Loaded> => ({ me: signedIn(await loadMe()), profile: await getProfile() })

export function ProfileScreen({ refreshKey }: { refreshKey?: number }) {
  const state = useAsync(loadAccount, [])
  const [signedOut, setSignedOut] = useState(false)
  const [leaving, setLeaving] = useState(false)
  const [back, setBack] = useState<ProfileReturn | null>(null)
  useRedirectToLoginOnce(signedOut ? undefined : state.error)
  // Coming back to the tab (e.g. after signing in): load again if we had nothing to show.
  useRefreshOnKey(refreshKey, () => {
    if (state.status === 'error') {
      setSignedOut(false)
      state.reload()
    }
  })

  const leave = async () => {
    setLeaving(true)
    try {
      await signOut()
      Taro.showToast({ title: '已退出登录', icon: 'none' })
    } catch {
      Taro.showToast({ title: '已在本机退出登录', icon: 'none' })
    } finally {
      setLeaving(false)
      setSignedOut(true)
      state.reload()
    }
  }

  return (
    <View className='page profile-screen'>
      <CareSwitch />
      <AsyncView
        state={state}
        rows={2}
        states={{ signedOut: '登录后可完善单位资料、填报需求并查看进度' }}
      >
        {({ me, profile }) => (
          <>
            <View className='card profile-account ui-row'>
              <View className='profile-account__avatar' aria-hidden='true'>
                <Text>{(profile.enterpriseName || me.user.displayName || '我').slice(0, 1)}</Text>
              </View>
              <View className='ui-grow'>
                <Text className='ui-h3 ui-ellipsis'>{profile.enterpriseName || me.user.displayName}</Text>
                <Text className='ui-meta ui-mt-2xs'>
                  {ROLE_LABELS[me.user.role]} · {me.user.displayName}
                </Text>
              </View>
            </View>

            <View className='card profile-menu'>
              {menuFor(me.user.role).map((item) => (
                <View key={item.label} className='profile-menu__item ui-row ui-between' role='link' data-testid={item.testId} onClick={() => void openPage(item.url)}>
                  <Text className='ui-value-lg'>{item.label}</Text>
                  <Text className='ui-chevron' aria-hidden='true'>
                    ›
                  </Text>
                </View>
              ))}
            </View>

            {/* The enterprise's own details; recommender and bureau accounts have none to keep. */}
            {me.user.role === 'enterprise' ? <View className='card'>
              <Text className='section-title'>单位资料</Text>
              {me.profileIncomplete ? (
                <Text className='profile-screen__notice'>请补全单位资料，填报需求时将自动带入。</Text>
              ) : null}
              <ProfileForm
                initial={profile}
                onSave={updateProfile}
                onSaved={(p) => {
                  state.setData({ me: { ...me, profile: p, profileIncomplete: false }, profile: p })
                  setBack(takeProfileReturn())
                }}
              />
              {back ? (
                <View
                  className='profile-screen__back'
                  role='link'
                  data-testid='profile-back'
                  onClick={() => {
                    setBack(null)
                    void openPage(back.url)
                  }}
                >
                  <Text>单位信息已保存，可以继续发起需求</Text>
                  <Text className='profile-screen__back-link'>返回征集：{back.title} ›</Text>
                </View>
              ) : null}
            </View> : null}

            <Button className='profile-screen__signout' block fill='outline' loading={leaving} onClick={leave}>
              退出登录
            </Button>
          </>
        )}
      </AsyncView>
    </View>
  )
}
