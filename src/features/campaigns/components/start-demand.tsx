import { Button } from '../../../components/button'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { CampaignDetail, Me } from '../../../../types/domain'
import { toApiError, type ApiError } from '../../../services/http'
import { goToLogin, openPage, ROUTES } from '../../../services/navigation'
import { loadMe } from '../../../services/session'
import { getMyDemands, startDemand, type DemandListItem } from '../../demands/api'
import { returnAfterProfile } from '../../profile'
import { CarryChooser } from './carry-chooser'
import { useCampaignClock } from './use-campaign-clock'

interface Problem {
  title: string
  message: string
  action?: { text: string; url: string }
}

/** What a refused start means for the person, and where to go next. */
function problemOf(e: ApiError): Problem {
  switch (e.code) {
    case 'PROFILE_INCOMPLETE':
      return {
        title: '请先完善单位信息',
        message: '发起需求前，需要填写完整的单位信息：单位名称、统一社会信用代码、联系人、手机号和单位类型。',
        action: { text: '去完善单位信息', url: ROUTES.profile }
      }
    case 'DEMAND_LIMIT_REACHED':
      return { title: '已达到本活动的填报数量上限', message: e.message, action: { text: '查看我的需求', url: ROUTES.demands } }
    case 'INELIGIBLE_UNIT_TYPE':
      return {
        title: '本单位类型不在本次征集范围内',
        message: `${e.message}。如单位类型填写有误，可在单位信息中修改。`,
        action: { text: '查看单位信息', url: ROUTES.profile }
      }
    case 'DEADLINE_PASSED':
      return { title: '填报已截止', message: e.message }
    case 'CAMPAIGN_NOT_OPEN':
      return { title: '征集尚未开始', message: e.message }
    case 'SOURCE_DEMAND_NOT_FOUND':
      return { title: '未能复制这项需求', message: e.message }
    case 'NETWORK':
      return { title: '网络不可用', message: '未能发起需求，请检查网络后重试。' }
    default:
      return { title: '未能发起需求', message: e.message }
  }
}

/**
 * The 发起需求 bar at the foot of a campaign: for signed-in enterprises while the campaign
 * is open; a sign-in prompt for visitors. Creates the demand, blank or (从已有需求复制, when
 * the enterprise has demands in any campaign) as a copy of an earlier one, and opens its wizard.
 */
export function StartDemandBar({ campaign }: { campaign: CampaignDetail }) {
  const clock = useCampaignClock(campaign)
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const [earlier, setEarlier] = useState<DemandListItem[]>([])
  const [choosing, setChoosing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)

  useEffect(() => {
    let live = true
    loadMe()
      .then(async (m) => {
        if (!live) return
        setMe(m)
        if (m?.user.role === 'enterprise') {
          const list = await getMyDemands()
          if (live) setEarlier(list)
        }
      })
      .catch(() => live && setMe(null))
    return () => {
      live = false
    }
  }, [campaign.id])

  if (clock.status !== 'open' || me === undefined) return null
  if (me && me.user.role !== 'enterprise') return null

  const existing = earlier.filter((d) => d.campaignId === campaign.id).length

  const start = async (from?: DemandListItem) => {
    if (!me) {
      void goToLogin(ROUTES.campaign(campaign.id))
      return
    }
    setChoosing(false)
    setBusy(true)
    setProblem(null)
    try {
      const demand = await startDemand(campaign.id, from?.id)
      await openPage(ROUTES.wizard(demand.id))
    } catch (e) {
      const err = toApiError(e)
      if (err.isUnauthenticated) void goToLogin(ROUTES.campaign(campaign.id))
      else setProblem(problemOf(err))
    } finally {
      setBusy(false)
    }
  }

  const follow = (url: string) => {
    // the details are put right on 我的, a tab: it offers the way back here once they are saved
    if (url === ROUTES.profile) returnAfterProfile({ url: ROUTES.campaign(campaign.id), title: campaign.title })
    void openPage(url)
  }

  return (
    <>
      <View className='ui-bar-room' />
      <View className='start-demand'>
        {problem ? (
          <View className='start-demand__problem ui-tint-warn' role='alert' data-testid='start-demand-problem'>
            <Text className='ui-h5 ui-warn ui-mb-xs'>{problem.title}</Text>
            <Text className='ui-para-sm'>{problem.message}</Text>
            {problem.action ? (
              <View className='start-demand__problem-link' role='link' onClick={() => follow(problem.action!.url)}>
                {problem.action.text} ›
              </View>
            ) : null}
          </View>
        ) : null}
        {existing > 0 ? (
          <View className='ui-link ui-center ui-mb-md' role='link' onClick={() => void openPage(ROUTES.demands)}>
            本单位在本活动已有 {existing} 项需求 · 查看 ›
          </View>
        ) : null}
        <View className='start-demand__actions ui-row ui-gap-md'>
          {earlier.length > 0 ? (
            <Button className='start-demand__copy ui-keep' fill='outline' type='primary' size='large' disabled={busy} onClick={() => setChoosing(true)}>
              从已有需求复制
            </Button>
          ) : null}
          <Button className='start-demand__button' type='primary' size='large' block loading={busy} disabled={busy} onClick={() => void start()}>
            {me ? '发起需求' : '登录后发起需求'}
          </Button>
        </View>
      </View>
      {choosing ? <CarryChooser demands={earlier} onChoose={(d) => void start(d)} onClose={() => setChoosing(false)} /> : null}
    </>
  )
}
