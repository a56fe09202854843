import { Button } from '../../../components/button'
import { Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AsyncView } from '../../../components/state-view'
import { useScreenAsync } from '../../../components/use-async'
import { miniProgramPlatform } from '../../../services/env'
import { toApiError } from '../../../services/http'
import {
  getNotificationSettings,
  getPushTemplates,
  saveNotificationSettings,
  type NotificationSetting,
  type PushPurpose,
  type PushTemplates,
  type TemplateConsent
} from '../api'
import { requestPushConsent } from '../consent'
import './settings.scss'

interface Loaded {
  settings: NotificationSetting[]
  /** Mini-programs only: the subscription templates and the person's consents. */
  push: PushTemplates | null
}

async function load(): Promise<Loaded> {
  const platform = miniProgramPlatform()
  const [settings, push] = await Promise.all([
    getNotificationSettings(),
    platform ? getPushTemplates(platform).catch(() => null) : Promise.resolve(null)
  ])
  return { settings, push }
}

const GROUPS: Array<{ group: NotificationSetting['group']; title: string; description: string }> = [
  {
    group: 'reminder',
    title: '截止提醒',
    description: '截止前提醒您尚未提交、或退回后尚未重新提交的需求。提醒显示在“消息”中，允许后也推送到手机；22:00至次日08:00不推送。'
  },
  {
    group: 'push',
    title: '推送到手机',
    description: '“消息”中始终保留全部消息；关闭后只是不再推送到手机。'
  }
]

const PURPOSE_TEXT: Record<PushPurpose, { title: string; note: string }> = {
  reminder: { title: '截止提醒通知', note: '截止前的提醒' },
  status: { title: '审核进度通知', note: '退回修改、推荐结果、新留言' }
}

function consentText(t: TemplateConsent): string {
  if (t.longTerm) return t.subscribed ? '已允许' : '未允许'
  return t.oneTimeGrants > 0 ? `还可接收 ${t.oneTimeGrants} 条` : '未允许'
}

export function NotificationSettingsScreen({ refreshKey }: { refreshKey?: number }) {
  const state = useScreenAsync(load, [], { refreshKey })
  const [saving, setSaving] = useState<string | null>(null)
  const [asking, setAsking] = useState<PushPurpose | null>(null)

  const toggle = async (data: Loaded, key: string, enabled: boolean) => {
    const before = data.settings
    state.setData({ ...data, settings: before.map((s) => (s.key === key ? { ...s, enabled } : s)) })
    setSaving(key)
    try {
      const settings = await saveNotificationSettings({ [key]: enabled })
      state.setData({ ...data, settings })
      Taro.showToast({ title: enabled ? '已开启' : '已关闭', icon: 'none', duration: 1200 })
    } catch (e) {
      state.setData({ ...data, settings: before })
      Taro.showToast({ title: toApiError(e).message, icon: 'none' })
    } finally {
      setSaving(null)
    }
  }

  // A tap: the platform's consent panel opens from here.
  const allow = (data: Loaded, purpose: PushPurpose) => {
    setAsking(purpose)
    void requestPushConsent('settings', { purpose }).then(async (r) => {
      setAsking(null)
      if (r.error) Taro.showToast({ title: r.error, icon: 'none' })
      else if (r.accepted.length > 0) Taro.showToast({ title: '已允许', icon: 'success', duration: 1200 })
      const platform = miniProgramPlatform()
      if (platform) {
        const push = await getPushTemplates(platform).catch(() => data.push)
        state.setData({ ...data, push })
      }
    })
  }

  return (
    <View className='page notification-settings'>
      <AsyncView
        state={state}
        rows={2}
        states={{ signedOut: '登录后可设置接收哪些提醒' }}
      >
        {(data) => (
          <>
            {GROUPS.map(({ group, title, description }) => {
              const items = data.settings.filter((s) => s.group === group)
              if (items.length === 0) return null
              return (
                <View key={group} className='card settings-group' data-group={group}>
                  <Text className='ui-h3'>{title}</Text>
                  <Text className='ui-note ui-mt-xs ui-mb-xs'>{description}</Text>
                  {items.map((s) => (
                    <View key={s.key} className='settings-row' data-key={s.key}>
                      <Text className='settings-row__label ui-value-lg'>{s.label}</Text>
                      <Switch
                        className='ui-keep'
                        // On H5 the checkbox is inside taro-switch-core: it is the one to name.
                        nativeProps={{ 'aria-label': s.label }}
                        checked={s.enabled}
                        disabled={saving !== null}
                        color='#1a56a8'
                        onChange={(e) => void toggle(data, s.key, Boolean(e.detail.value))}
                      />
                    </View>
                  ))}
                </View>
              )
            })}

            {data.push ? (
              <View className='card settings-group' data-group='consent'>
                <Text className='ui-h3'>{data.push.platform === 'weapp' ? '微信服务通知' : '支付宝服务通知'}</Text>
                <Text className='ui-note ui-mt-xs ui-mb-xs'>
                  推送到手机需要您在{data.push.platform === 'weapp' ? '微信' : '支付宝'}中允许。审核进度通知每允许一次可接收一条。
                </Text>
                {data.push.templates.map((t) => (
                  <View key={t.id} className='settings-row' data-purpose={t.purpose}>
                    <View className='ui-grow ui-py-md'>
                      <Text className='settings-row__label ui-value-lg'>{PURPOSE_TEXT[t.purpose].title}</Text>
                      <Text className='ui-meta ui-mt-2xs'>
                        {PURPOSE_TEXT[t.purpose].note} · {consentText(t)}
                      </Text>
                    </View>
                    <Button size='small' fill='outline' type='primary' loading={asking === t.purpose} onClick={() => allow(data, t.purpose)}>
                      {t.longTerm && t.subscribed ? '重新授权' : t.longTerm ? '允许' : '再允许一条'}
                    </Button>
                  </View>
                ))}
              </View>
            ) : miniProgramPlatform() === null ? (
              <Text className='settings-note ui-note ui-pt-xs ui-px-xs ui-pb-xl'>网页版不能推送到手机；在微信或支付宝小程序中打开，可接收服务通知。</Text>
            ) : null}
          </>
        )}
      </AsyncView>
    </View>
  )
}
