import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import { lazy, Suspense, useState } from 'react'
import { formatDeadline } from '../../../types/time'
import type { CampaignDetail } from '../../../types/domain'
import type { BureauOverview } from '../../../types/recommend'
import { PrivacySheet } from '../../components/privacy-sheet'
import { AsyncView, StateView } from '../../components/state-view'
import { useScreenAsync } from '../../components/use-async'
import { ApiError } from '../../services/http'
import { openPage } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { getCampaign } from '../campaigns/api'
import { getOverview } from './api'
import { ExportButton } from './components/export-button'
import { reviewStates } from './components/guard'
import { RECOMMEND_ROUTES } from './routes'
import { useWide } from './use-wide'
import { loadViewer } from './viewer'
import './recommend.scss'

/**
 * The charts (AntV F2, about 0.5 MB) load with this page only: H5 fetches them as a chunk of their
 * own, so the other recommend pages do not; on the mini-programs babel-preset-taro turns import()
 * into require(), and they stay in this subpackage.
 */
const OverviewCharts = lazy(() => import('./components/charts').then((m) => ({ default: m.OverviewCharts })))

interface Loaded {
  campaign: CampaignDetail
  overview: BureauOverview
}

async function loadOverview(campaignId: string): Promise<Loaded> {
  const viewer = await loadViewer()
  if (viewer.role !== 'bureau') throw new ApiError(403, { code: 'FORBIDDEN', message: '统计与遴选结果仅供科技主管部门查看' })
  const [campaign, overview] = await Promise.all([getCampaign(campaignId), getOverview(campaignId)])
  return { campaign, overview }
}

/**
 * The bureau's view of a campaign: counts overall, by unit and by field, the units' lists and the export of all,
 * and the campaign at a glance in charts (保存图片 of a chart asks the album's privacy authorization on the mini-programs).
 */
export function OverviewScreen({ campaignId, refreshKey }: { campaignId: string; refreshKey?: number }) {
  const wide = useWide()
  const state = useScreenAsync(() => loadOverview(campaignId), [campaignId], { refreshKey })
  const [allUnits, setAllUnits] = useState(false)
  useRedirectToLoginOnce(state.error)

  return (
    <View className={`page rc-page rc-overview${wide ? ' is-wide' : ''}`}>
      <AsyncView state={state} rows={3} states={reviewStates('统计加载失败')}>
        {({ campaign, overview }) => {
          const { counts } = overview
          const active = overview.byUnit.filter((u) => u.received > 0 || u.recommended > 0)
          const units = allUnits ? overview.byUnit : active
          return (
            <View className='rc-narrow'>
              <View className='card'>
                <Text className='ui-h3'>{campaign.title}</Text>
                <Text className='ui-label ui-mt-xs'>{campaign.issuer}</Text>
                <Text className='ui-meta ui-mt-xs'>
                  填报截止 {formatDeadline(campaign.enterpriseDeadlineAt)} · 推荐截止 {formatDeadline(campaign.recommenderDeadlineAt)}
                </Text>
                <View className='rc-counts' role='group' aria-label='全部需求数量'>
                  {[
                    ['已提交', counts.received, 'received'],
                    ['已审核', counts.reviewed, 'reviewed'],
                    ['已推荐', counts.recommended, 'recommended'],
                    ['入选', counts.selected, 'selected']
                  ].map(([label, value, key]) => (
                    <View key={key} className='rc-count' data-testid={`total-${key}`}>
                      <Text className='rc-count__value ui-h1 ui-nums'>{value}</Text>
                      <Text className='ui-meta'>{label}</Text>
                    </View>
                  ))}
                </View>
                <View className='ui-row ui-start ui-wrap ui-gap-md ui-mt-lg'>
                  <Button className='rc-inbox__link' type='primary' fill='outline' size='small' onClick={() => void openPage(RECOMMEND_ROUTES.inbox(campaignId))}>
                    全部需求
                  </Button>
                  <Button className='rc-inbox__link' type='primary' fill='outline' size='small' onClick={() => void openPage(RECOMMEND_ROUTES.ranking(campaignId))}>
                    推荐名单与遴选
                  </Button>
                  <ExportButton campaignId={campaignId} size='small' label='导出全部' fileName={`${campaign.title}汇总表-全部推荐单位.xlsx`} />
                </View>
              </View>

              <View className={wide ? 'rc-columns' : ''}>
                <View className='card rc-table' data-testid='by-unit'>
                  <Text className='rc-section__title ui-h3 ui-mb-xs'>按推荐单位</Text>
                  <View className='rc-table__row rc-table__row--head' aria-hidden='true'>
                    <Text className='rc-table__name'>推荐单位</Text>
                    <Text className='rc-table__num'>收到</Text>
                    <Text className='rc-table__num rc-table__num--wide'>推荐/名额</Text>
                    <Text className='rc-table__num'>入选</Text>
                  </View>
                  {units.length === 0 ? <Text className='ui-label'>尚无推荐单位收到需求</Text> : null}
                  {units.map((u) => (
                    <View
                      key={u.unit.id}
                      className='rc-table__row'
                      data-unit={u.unit.id}
                      onClick={() => void openPage(RECOMMEND_ROUTES.ranking(campaignId, u.unit.id))}
                    >
                      {/* The unit's name is the link; its name speaks the row's figures after the visible name. */}
                      <View
                        className='rc-table__name'
                        role='link'
                        aria-label={`${u.unit.name}：收到${u.received}项，推荐${u.recommended}项${u.quota !== null ? `，名额${u.quota}项` : ''}，入选${u.selected}项`}
                      >
                        {u.unit.name}
                      </View>
                      <Text className='rc-table__num'>{u.received}</Text>
                      <Text className={`rc-table__num rc-table__num--wide${u.quota !== null && u.recommended >= u.quota ? ' is-full' : ''}`}>
                        {u.recommended}/{u.quota ?? '—'}
                      </Text>
                      <Text className='rc-table__num'>{u.selected}</Text>
                    </View>
                  ))}
                  {overview.byUnit.length > active.length ? (
                    <View className='ui-link-lg rc-table__toggle ui-pt-md' role='button' onClick={() => setAllUnits((v) => !v)}>
                      {allUnits ? '只看收到需求的单位' : `显示全部 ${overview.byUnit.length} 个推荐单位`}
                    </View>
                  ) : null}
                </View>

                <View className='card rc-table' data-testid='by-field'>
                  <Text className='rc-section__title ui-h3 ui-mb-xs'>按领域</Text>
                  <View className='rc-table__row rc-table__row--head' aria-hidden='true'>
                    <Text className='rc-table__name'>领域</Text>
                    <Text className='rc-table__num'>提交</Text>
                    <Text className='rc-table__num rc-table__num--wide'>推荐</Text>
                    <Text className='rc-table__num'>入选</Text>
                  </View>
                  {overview.byField.map((f) => (
                    <View
                      key={f.domain.id}
                      className='rc-table__row'
                      aria-label={`${f.domain.label}：提交${f.received}项，推荐${f.recommended}项，入选${f.selected}项`}
                      data-domain={f.domain.id}
                    >
                      <Text className='rc-table__name'>{f.domain.label}</Text>
                      <Text className='rc-table__num'>{f.received}</Text>
                      <Text className='rc-table__num rc-table__num--wide'>{f.recommended}</Text>
                      <Text className='rc-table__num'>{f.selected}</Text>
                    </View>
                  ))}
                </View>
              </View>

              <Suspense fallback={<StateView kind='loading' rows={1} />}>
                <OverviewCharts overview={overview} campaignTitle={campaign.title} wide={wide} />
              </Suspense>
            </View>
          )
        }}
      </AsyncView>
      <PrivacySheet />
    </View>
  )
}
