import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import type { CampaignDetail } from '../../../types/domain'
import type { QuotaMeter, ReviewDemand } from '../../../types/recommend'
import { QualityCard } from '../../components/quality-hints'
import { AsyncView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { useRefreshOnKey } from '../../components/use-refresh-key'
import { serverNow, syncClock } from '../../services/clock'
import { openPage, ROUTES } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { getCampaign } from '../campaigns/api'
import { getRanking, getSimilar, openReviewDemand } from './api'
import { DecisionPanel } from './components/decision-panel'
import { DemandContent } from './components/demand-content'
import { Deliverables } from './components/deliverables'
import { RecommenderRecord } from './components/recommender-record'
import { reviewStates } from './components/guard'
import { Notice } from './components/notice'
import { SimilarList } from './components/similar-list'
import { StatusTag } from '../../components/status-tag'
import { Timeline } from './components/timeline'
import { qualityReport } from '../../../types/quality'
import { formatDeadlineDay, formatInstant } from '../../../types/time'
import { loadViewer, type Viewer } from './viewer'

interface Loaded {
  viewer: Viewer
  demand: ReviewDemand
  campaign: CampaignDetail
  /** The recommender's quota meter; null for the bureau. */
  quota: QuotaMeter | null
}

async function loadReview(id: string): Promise<Loaded> {
  const viewer = await loadViewer()
  const demand = await openReviewDemand(id)
  const [campaign, ranking] = await Promise.all([
    getCampaign(demand.campaignId),
    viewer.role === 'recommender' ? getRanking(demand.campaignId) : Promise.resolve(null),
    syncClock().catch(() => undefined) // deadlines follow the server's clock
  ])
  return { viewer, demand, campaign, quota: ranking?.groups[0]?.quota ?? null }
}

export interface DemandReviewProps {
  id: string
  /** Bumped by the page when shown again, to load in the background. */
  refreshKey?: number
  /** After an action: lists and meters around it load again. */
  onChanged?: (demand: ReviewDemand) => void
  /** Each time the demand arrives from the server (opening it may have made it 审核中). */
  onLoaded?: (demand: ReviewDemand) => void
  onOpenDemand: (id: string) => void
  onOpenRanking?: (campaignId: string) => void
  /** In the desktop pane: no page padding. */
  embedded?: boolean
  /** On its own page in a desktop browser: a centred column. */
  wide?: boolean
}

/**
 * One submitted demand as the recommending unit (or the bureau) reviews it: who sent it and
 * when, what can be done now and until when, similar demands, the submitted content, and the
 * record of every change.
 */
export function DemandReview({ id, refreshKey, onChanged, onLoaded, onOpenDemand, onOpenRanking, embedded, wide }: DemandReviewProps) {
  const state = useAsync(() => loadReview(id), [id])
  const similar = useAsync(() => getSimilar(id), [id])
  useRedirectToLoginOnce(embedded ? undefined : state.error)
  const loaded = state.data?.demand
  useEffect(() => {
    if (loaded) onLoaded?.(loaded)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded])
  useRefreshOnKey(refreshKey, () => {
    if (state.status === 'success') state.refresh()
    else state.reload()
    similar.refresh()
  })

  return (
    <View
      className={embedded ? 'rc-review' : `page rc-page rc-review${wide ? ' is-wide' : ''}`}
      data-testid='demand-review'
      data-demand-id={id}
    >
      <AsyncView state={state} rows={3} states={reviewStates('需求加载失败')}>
        {({ viewer, demand, campaign, quota }) => {
          // Computed here from the version on screen (the same rules the server scored it with at
          // submission): the hints name the campaign's fields, which only the app has at hand.
          const quality = qualityReport(campaign.definition, demand.version.answers, demand.version.profile.unitType || undefined)
          const closed = viewer.role === 'recommender' && serverNow() >= Date.parse(campaign.recommenderDeadlineAt)
          /** After the unit changed its record (the mark, the deliverables): the demand as the server has it, then the meters. */
          const saved = (updated: ReviewDemand) => {
            state.setData({ viewer, demand: updated, campaign, quota })
            state.refresh()
            onChanged?.(updated)
          }
          return (
            <View className={embedded ? 'rc-review__body' : 'rc-review__body rc-narrow'}>
              <View className='card'>
                <Text className='ui-meta'>{demand.campaignTitle}</Text>
                <Text className='ui-h2 ui-mt-xs ui-mb-sm' data-testid='demand-title'>
                  {demand.title || '未命名需求'}
                </Text>
                <View className='ui-row ui-wrap ui-gap-sm ui-mb-sm'>
                  <StatusTag status={demand.status} rank={demand.rank} />
                  {demand.domain ? <Text className='ui-tag ui-tone-muted'>{demand.domain.label}{demand.domain.direction ? ` / ${demand.domain.direction}` : ''}</Text> : null}
                </View>
                <Text className='rc-review__meta ui-label ui-mt-2xs'>
                  {demand.enterpriseName || '（未填单位名称）'}
                  {viewer.role === 'bureau' ? ` · 推荐单位：${demand.unit.name}` : ''}
                </Text>
                <Text className='rc-review__meta ui-label ui-mt-2xs'>
                  第{demand.version.number}版 · 提交于 {formatInstant(demand.version.submittedAt)}
                </Text>
                <View className='rc-review__thread' role='link' data-testid='open-thread' onClick={() => void openPage(ROUTES.thread(demand.id))}>
                  与企业留言沟通 ›
                </View>
              </View>

              {closed ? (
                <Notice kind='closed' testId='closed-banner'>
                  推荐已于{formatDeadlineDay(campaign.definition.deadlines.recommender)}截止，以下内容只能查看，不能再退回、推荐或调整。
                </Notice>
              ) : (
                <DecisionPanel
                  demand={demand}
                  quota={quota}
                  def={campaign.definition}
                  bureau={viewer.role === 'bureau'}
                  onDone={(updated) => {
                    state.setData({ viewer, demand: updated, campaign, quota })
                    state.refresh() // the meter and the timeline, as the server has them now
                    similar.refresh()
                    onChanged?.(updated)
                  }}
                  onRefused={() => {
                    state.refresh()
                    onChanged?.(demand)
                  }}
                  onOpenRanking={onOpenRanking ? () => onOpenRanking(demand.campaignId) : undefined}
                  hints={quality.hints}
                />
              )}

              <QualityCard report={quality} def={campaign.definition} list='all' goodMessage='未发现含糊表述或缺项的指标，内容具体、完整。' />

              <RecommenderRecord
                demand={demand}
                def={campaign.definition}
                canMark={viewer.role === 'recommender' && !closed && demand.next.actions.some((a) => a.action === 'rerank')}
                onSaved={saved}
              />
              <Deliverables demand={demand} def={campaign.definition} editable={viewer.role === 'recommender' && !closed} onSaved={saved} />
              <SimilarList state={similar} onOpen={onOpenDemand} />
              <DemandContent demandId={demand.id} def={campaign.definition} answers={demand.version.answers} profile={demand.version.profile} />
              <Timeline entries={demand.timeline} />
            </View>
          )
        }}
      </AsyncView>
    </View>
  )
}
