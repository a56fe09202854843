import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import { formatDeadline } from '../../../types/time'
import type { ReviewCampaign } from '../../../types/recommend'
import { AsyncView } from '../../components/state-view'
import { useScreenAsync, type ScreenRefresh } from '../../components/use-async'
import { openPage } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { getReviewCampaigns } from './api'
import { ExportButton } from './components/export-button'
import { reviewStates } from './components/guard'
import { QuotaMeter } from './components/quota-meter'
import { RECOMMEND_ROUTES } from './routes'
import { useWide } from './use-wide'
import { loadViewer, type Viewer } from './viewer'
import './recommend.scss'

interface Loaded {
  viewer: Viewer
  campaigns: ReviewCampaign[]
}

async function loadWorkbench(): Promise<Loaded> {
  const viewer = await loadViewer()
  return { viewer, campaigns: await getReviewCampaigns() }
}

function Count({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <View className='rc-count' data-testid={testId}>
      <Text className='rc-count__value ui-h1 ui-nums'>{value}</Text>
      <Text className='ui-meta'>{label}</Text>
    </View>
  )
}

function CampaignCard({ item, bureau }: { item: ReviewCampaign; bureau: boolean }) {
  const { campaign, counts } = item
  const id = campaign.id
  const left = item.readOnly ? '推荐已截止' : item.daysLeft === 0 ? '今天截止' : `剩 ${item.daysLeft} 天`
  const pending = (counts.byStatus.submitted ?? 0) + (counts.byStatus.reviewing ?? 0)
  return (
    <View className={`card rc-campaign${item.readOnly ? ' is-closed' : ''}`} data-testid='review-campaign' data-campaign-id={id}>
      <View className='ui-row ui-gap-sm ui-mb-sm'>
        <Text className={`rc-campaign__state${item.readOnly ? ' is-closed' : item.daysLeft <= 3 ? ' is-urgent' : ''}`} data-testid='days-left'>
          {left}
        </Text>
        {campaign.isDemo ? <Text className='ui-tag ui-tag-xs ui-tone-attention'>演示</Text> : null}
      </View>
      <View className='ui-h3' role='link' onClick={() => void openPage(bureau ? RECOMMEND_ROUTES.overview(id) : RECOMMEND_ROUTES.inbox(id))}>
        {campaign.title}
      </View>
      <Text className='ui-meta ui-mt-xs'>
        推荐截止 {formatDeadline(campaign.recommenderDeadlineAt)}
        {item.readOnly ? '' : `（${item.countdownText}）`}
      </Text>
      <View className='rc-counts' role='group' aria-label='需求数量'>
        <Count label={bureau ? '已提交' : '已收到'} value={counts.received} testId='count-received' />
        <Count label={bureau ? '待审核' : '待审核'} value={pending} testId='count-pending' />
        <Count label='已审核' value={counts.reviewed} testId='count-reviewed' />
        <Count label='已推荐' value={counts.recommended} testId='count-recommended' />
      </View>
      {!bureau ? <QuotaMeter meter={{ quota: item.quota, used: counts.recommended, left: item.quota === null ? null : Math.max(0, item.quota - counts.recommended) }} closed={item.readOnly} compact /> : null}
      <View className='ui-row ui-start ui-wrap ui-gap-md ui-mt-xl'>
        {bureau ? (
          <>
            <Button className='rc-campaign__action' type='primary' onClick={() => void openPage(RECOMMEND_ROUTES.overview(id))}>
              统计与结果
            </Button>
            <Button className='rc-campaign__action' fill='outline' onClick={() => void openPage(RECOMMEND_ROUTES.inbox(id))}>
              全部需求
            </Button>
          </>
        ) : (
          <>
            <Button className='rc-campaign__action' type='primary' data-testid='open-inbox' onClick={() => void openPage(RECOMMEND_ROUTES.inbox(id))}>
              {item.readOnly ? '查看需求' : pending > 0 ? `审核需求（${pending}）` : '审核需求'}
            </Button>
            <Button className='rc-campaign__action' fill='outline' onClick={() => void openPage(RECOMMEND_ROUTES.ranking(id))}>
              推荐排序
            </Button>
          </>
        )}
        <ExportButton campaignId={id} label={bureau ? '导出全部' : '导出汇总表'} fileName={`${campaign.title}汇总表.xlsx`} />
      </View>
    </View>
  )
}

/** 推荐工作台: the campaigns where the unit recommends (the bureau: that it issued), with counts and time left. */
export function WorkbenchScreen(refresh: ScreenRefresh) {
  const wide = useWide()
  const state = useScreenAsync(loadWorkbench, [], refresh)
  useRedirectToLoginOnce(state.error)

  return (
    <View className={`page rc-page rc-workbench${wide ? ' is-wide' : ''}`}>
      <AsyncView
        state={state}
        rows={2}
        states={reviewStates()}
        isEmpty={(d) => d.campaigns.length === 0}
        empty={{ title: '暂无征集活动', description: '本单位参与推荐的征集活动发布后会显示在这里' }}
      >
        {({ viewer, campaigns }) => {
          const bureau = viewer.role === 'bureau'
          const unit = campaigns.find((c) => c.unit)?.unit
          return (
            <View className='rc-narrow'>
              <View className='rc-workbench__intro ui-pt-xs ui-pb-xl ui-px-2xs'>
                <Text className='ui-h1'>推荐工作台</Text>
                <Text className='ui-text ui-mt-xs' data-testid='workbench-unit'>
                  {bureau ? `${viewer.me.user.recommenderUnit ?? '科技主管部门'} · ${viewer.me.user.displayName}` : `${unit?.name ?? ''} · ${viewer.me.user.displayName}`}
                </Text>
                {!bureau && unit?.typeLabel ? <Text className='ui-meta ui-mt-2xs'>{unit.typeLabel}</Text> : null}
              </View>
              <View className={wide ? 'rc-grid' : ''}>
                {campaigns.map((c) => (
                  <CampaignCard key={c.campaign.id} item={c} bureau={bureau} />
                ))}
              </View>
            </View>
          )
        }}
      </AsyncView>
    </View>
  )
}
