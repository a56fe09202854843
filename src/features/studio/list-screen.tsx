import { Button } from '../../components/button'
import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Me } from '../../../types/domain'
import type { StudioStart, StudioSummary } from '../../../types/studio'
import { formatInstant } from '../../../types/time'
import { AsyncView, StateView } from '../../components/state-view'
import { useScreenAsync, type ScreenRefresh } from '../../components/use-async'
import { useWide } from '../../components/use-wide'
import { toApiError } from '../../services/http'
import { openPage } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { createStudioCampaign, listStudioCampaigns } from './api'
import { loadBureau } from './bureau'
import { STUDIO_STATES } from './components/guard'
import { isObj, parseJson } from './definition'
import { STATE_LABELS, STATE_TONES } from './labels'
import { pickJsonFile } from './platform/pick-json'
import { STUDIO_ROUTES } from './routes'
import './studio.scss'

interface Loaded {
  me: Me
  campaigns: StudioSummary[]
}

async function loadList(): Promise<Loaded> {
  const me = await loadBureau()
  return { me, campaigns: await listStudioCampaigns() }
}

type How = StudioStart['from']

function CampaignCard({ item }: { item: StudioSummary }) {
  const open = () => void openPage(STUDIO_ROUTES.edit(item.id))
  return (
    <View className='card st-card' data-testid='studio-campaign' data-campaign-id={item.id} data-state={item.state}>
      <View className='ui-row ui-wrap ui-gap-sm ui-mb-sm'>
        <Text className={`ui-tag ui-tone-${STATE_TONES[item.state]}`} data-testid='studio-state'>
          {STATE_LABELS[item.state]}
        </Text>
        {item.version !== null ? <Text className='ui-meta'>第 {item.version} 版</Text> : null}
        {item.hasDraft ? (
          <Text className='ui-tag ui-tone-attention' data-testid='has-draft'>
            有未发布的修改
          </Text>
        ) : null}
      </View>
      <View className='ui-h3 ui-break' role='link' onClick={open}>
        {item.title}
      </View>
      <Text className='st-card__meta ui-meta ui-mt-xs'>
        编号 {item.id} · 更新于 {formatInstant(item.updatedAt)}
      </Text>
      <View className='st-card__actions ui-flex ui-end ui-mt-md'>
        <Button size='small' type='primary' fill='outline' onClick={open}>
          编辑
        </Button>
      </View>
    </View>
  )
}

/** 活动工作室: the bureau's campaigns, and the three ways to start a new one. */
export function StudioListScreen(refresh: ScreenRefresh) {
  const wide = useWide()
  const state = useScreenAsync(loadList, [], refresh)
  useRedirectToLoginOnce(state.error)
  const [creating, setCreating] = useState<How | null>(null)
  const [error, setError] = useState<string>()

  const start = async (body: StudioStart) => {
    setCreating(body.from)
    setError(undefined)
    try {
      const created = await createStudioCampaign(body)
      Taro.showToast({ title: '已创建', icon: 'success', duration: 1200 })
      state.refresh()
      void openPage(STUDIO_ROUTES.edit(created.id))
    } catch (e) {
      setError(`创建失败：${toApiError(e).message}`)
    } finally {
      setCreating(null)
    }
  }

  const upload = async () => {
    setError(undefined)
    let picked
    try {
      picked = await pickJsonFile()
    } catch (e) {
      setError(e instanceof Error ? e.message : '无法读取所选文件')
      return
    }
    if (!picked) return
    const parsed = parseJson(picked.text)
    if (!parsed.ok) return setError(`“${picked.name}”不能导入。${parsed.message}`)
    if (!isObj(parsed.value)) return setError(`“${picked.name}”不能导入：活动定义应为一个 JSON 对象（以 { 开头）`)
    await start({ from: 'json', definition: parsed.value })
  }

  return (
    <View className={`page st-page st-list${wide ? ' is-wide' : ''}`}>
      <AsyncView state={state} rows={2} states={STUDIO_STATES}>
        {({ me, campaigns }) => (
          <View className='st-container'>
            <View className='page-head'>
              <View className='ui-h1' role='heading' aria-level={1}>
                活动工作室
              </View>
              <Text className='ui-label ui-mt-2xs ui-mb-xs'>
                {me.user.recommenderUnit ?? '科技主管部门'} · {me.user.displayName}
              </Text>
              <Text className='ui-help ui-mt-2xs ui-mb-sm'>把征集通知变成线上征集活动：填写、预览、发布，无需开发人员。</Text>
            </View>

            <View className='card st-create' data-testid='studio-create'>
              <View className='ui-h3' role='heading' aria-level={2}>
                新建征集活动
              </View>
              <View className='st-create__buttons ui-col ui-gap-md ui-mt-lg ui-mb-sm'>
                <Button
                  className='st-create__button'
                  type='primary'
                  loading={creating === 'blank'}
                  disabled={creating !== null}
                  data-testid='create-blank'
                  onClick={() => void start({ from: 'blank' })}
                >
                  空白活动
                </Button>
                {campaigns.length ? (
                  <Picker
                    className='st-create__picker'
                    mode='selector'
                    range={campaigns.map((c) => c.title)}
                    disabled={creating !== null}
                    onChange={(e) => void start({ from: 'copy', campaignId: campaigns[Number(e.detail.value)].id })}
                  >
                    <Button className='st-create__button' fill='outline' type='primary' loading={creating === 'copy'} disabled={creating !== null} data-testid='create-copy'>
                      复制已有活动
                    </Button>
                  </Picker>
                ) : (
                  <Button className='st-create__button' fill='outline' disabled>
                    复制已有活动
                  </Button>
                )}
                <Button
                  className='st-create__button'
                  fill='outline'
                  type='primary'
                  loading={creating === 'json'}
                  disabled={creating !== null}
                  data-testid='create-json'
                  onClick={() => void upload()}
                >
                  上传 JSON 文件
                </Button>
              </View>
              <Text className='ui-help ui-mt-2xs ui-mb-sm'>复制会带上原活动的全部设置（编号另行生成）；JSON 文件即 campaigns/ 下的活动定义格式。</Text>
              {error ? (
                <View className='st-alert' role='alert' data-testid='create-error'>
                  {error}
                </View>
              ) : null}
            </View>

            <View className='st-list__heading ui-h4 ui-mt-3xl ui-mx-2xs ui-mb-md' role='heading' aria-level={2}>
              本单位的征集活动（{campaigns.length}）
            </View>
            {campaigns.length ? (
              <View className={wide ? 'st-cards' : ''}>
                {campaigns.map((c) => (
                  <CampaignCard key={c.id} item={c} />
                ))}
              </View>
            ) : (
              <StateView kind='empty' title='还没有征集活动' description='从空白活动开始，或上传一份活动定义 JSON 文件' />
            )}
          </View>
        )}
      </AsyncView>
    </View>
  )
}
