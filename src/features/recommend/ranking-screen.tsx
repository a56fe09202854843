import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { CampaignDetail } from '../../../types/domain'
import type { RankedItem, Ranking, RankingGroup } from '../../../types/recommend'
import { AsyncView, StateView } from '../../components/state-view'
import { useScreenAsync } from '../../components/use-async'
import { serverNow, syncClock } from '../../services/clock'
import { toApiError } from '../../services/http'
import { openPage } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { getCampaign } from '../campaigns/api'
import { getRanking, recordOutcome, saveRanking } from './api'
import { ExportButton } from './components/export-button'
import { reviewStates } from './components/guard'
import { Notice } from './components/notice'
import { QuotaMeter } from './components/quota-meter'
import { StatusTag } from '../../components/status-tag'
import { RECOMMEND_ROUTES } from './routes'
import { useWide } from './use-wide'
import { loadViewer, type Viewer } from './viewer'
import './recommend.scss'

interface Loaded {
  viewer: Viewer
  campaign: CampaignDetail
  ranking: Ranking
}

async function loadRanking(campaignId: string, unit?: string): Promise<Loaded> {
  const viewer = await loadViewer()
  const [campaign, ranking] = await Promise.all([
    getCampaign(campaignId),
    getRanking(campaignId, viewer.role === 'bureau' ? unit : undefined),
    syncClock().catch(() => undefined)
  ])
  return { viewer, campaign, ranking }
}

const sameOrder = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i])

const keyLabel = (group: RankingGroup) => group.quota.keyMarks?.label ?? '重点推荐'

/** The unit's 重点推荐 mark on a ranked demand. */
/** A ranked demand's title with its 重点推荐 tag, then its enterprise and area. */
function RankedText({ item, group }: { item: RankedItem; group: RankingGroup }) {
  return (
    <>
      <Text className='rc-ranked__title ui-strong ui-clamp'>
        {item.title || '未命名需求'}
        <KeyTag item={item} group={group} />
      </Text>
      <Text className='ui-meta ui-ellipsis'>
        {item.enterpriseName}
        {domainText(item) ? ` · ${domainText(item)}` : ''}
      </Text>
    </>
  )
}

function KeyTag({ item, group }: { item: RankedItem; group: RankingGroup }) {
  return item.keyRecommended ? (
    <Text className='rc-key-tag ui-tag ui-tag-xs ui-tone-danger' data-testid='key-tag'>
      {keyLabel(group)}
    </Text>
  ) : null
}

function domainText(item: RankedItem): string {
  if (!item.domain) return ''
  return `${item.domain.label}${item.domain.direction ? ` / ${item.domain.direction}` : ''}`
}

interface EditorProps {
  campaignId: string
  group: RankingGroup
  readOnly: boolean
  deadlineText: string
  onSaved: (ranking: Ranking) => void
  onReload: () => void
}

/**
 * The unit's recommended demands in priority order. Moves are made here with 上移 / 下移 and
 * can be undone one by one; nothing changes on the server until 保存排序 sends the whole
 * order. The meter above is the server's, loaded again after every save.
 */
function RankingEditor({ campaignId, group, readOnly, deadlineText, onSaved, onReload }: EditorProps) {
  const saved = group.items.map((i) => i.id)
  const byId = new Map(group.items.map((i) => [i.id, i]))
  const [order, setOrder] = useState<string[]>(saved)
  const [history, setHistory] = useState<string[][]>([])
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<{ message: string; stale: boolean }>()
  const [moved, setMoved] = useState<string>()

  // A new answer from the server: start from it.
  const savedKey = saved.join(',')
  useEffect(() => {
    setOrder(savedKey ? savedKey.split(',') : [])
    setHistory([])
  }, [savedKey])

  const dirty = !sameOrder(order, saved)

  const move = (index: number, by: -1 | 1) => {
    const to = index + by
    if (to < 0 || to >= order.length) return
    const next = [...order]
    ;[next[index], next[to]] = [next[to], next[index]]
    setHistory((h) => [...h, order])
    setOrder(next)
    setMoved(order[index])
    setError(undefined)
  }

  const undo = () => {
    const prev = history[history.length - 1]
    if (!prev) return
    setHistory((h) => h.slice(0, -1))
    setOrder(prev)
    setMoved(undefined)
  }

  const save = async () => {
    setSaving(true)
    setError(undefined)
    try {
      const ranking = await saveRanking(campaignId, order)
      setHistory([])
      setMoved(undefined)
      Taro.showToast({ title: '排序已保存', icon: 'success', duration: 1500 })
      onSaved(ranking)
    } catch (e) {
      const err = toApiError(e)
      setError({ message: err.message, stale: err.code === 'RANKING_STALE' })
    } finally {
      setSaving(false)
    }
  }

  if (group.items.length === 0) {
    return (
      <View className='card'>
        <StateView
          kind='empty'
          title='尚未推荐需求'
          description={readOnly ? `推荐已于${deadlineText}截止，本单位没有推荐需求` : '在需求详情中点“推荐”，需求会按推荐先后加入这里，再按优先顺序调整'}
          actionText={readOnly ? undefined : '去审核需求'}
          onAction={readOnly ? undefined : () => void openPage(RECOMMEND_ROUTES.inbox(campaignId))}
        />
      </View>
    )
  }

  return (
    <View className='card rc-ranking' data-testid='ranking'>
      <View className='ui-row ui-baseline ui-between'>
        <Text className='rc-section__title ui-h3 ui-mb-xs'>推荐顺序</Text>
        {!readOnly ? <Text className='ui-label'>序号1为最优先推荐</Text> : null}
      </View>
      {dirty ? (
        <Notice kind='info' testId='unsaved'>
          排序已调整，尚未保存。保存后才会生效，并写入汇总表。
        </Notice>
      ) : null}
      {error ? (
        <View className='ui-col ui-start ui-gap-xs ui-mb-sm'>
          <Notice kind='error' testId='ranking-error'>
            {error.message}
          </Notice>
          {error.stale ? (
            <Button size='small' fill='outline' onClick={onReload}>
              刷新推荐名单
            </Button>
          ) : null}
        </View>
      ) : null}
      <View role='list' aria-label='推荐名单（按优先顺序）'>
        {order.map((id, index) => {
          const item = byId.get(id)
          if (!item) return null
          const title = item.title || '未命名需求'
          return (
            <View
              key={id}
              className={`rc-ranked${moved === id ? ' is-moved' : ''}`}
              role='listitem'
              aria-label={`第${index + 1}位：${title}，${item.enterpriseName}${item.keyRecommended ? `，${keyLabel(group)}` : ''}`}
              data-testid='ranked-item'
              data-demand-id={id}
            >
              <Text className='rc-ranked__rank' data-testid='rank'>
                {index + 1}
              </Text>
              <View className='ui-grow' role='link' onClick={() => void openPage(RECOMMEND_ROUTES.demand(id))}>
                <RankedText item={item} group={group} />
              </View>
              {!readOnly ? (
                <View className='ui-keep ui-flex ui-gap-sm'>
                  <Button
                    className='rc-ranked__move'
                    size='small'
                    fill='outline'
                    disabled={index === 0 || saving}
                    aria-label={`上移“${title}”`}
                    data-testid='move-up'
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    className='rc-ranked__move'
                    size='small'
                    fill='outline'
                    disabled={index === order.length - 1 || saving}
                    aria-label={`下移“${title}”`}
                    data-testid='move-down'
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </Button>
                </View>
              ) : null}
            </View>
          )
        })}
      </View>
      {!readOnly ? (
        <View className='rc-actions ui-flex ui-wrap ui-gap-md ui-mt-md rc-ranking__actions'>
          <Button className='rc-actions__button' fill='outline' disabled={history.length === 0 || saving} data-testid='undo' onClick={undo}>
            撤销上一步
          </Button>
          <Button className='rc-actions__button' type='primary' disabled={!dirty || saving} loading={saving} data-testid='save-ranking' onClick={() => void save()}>
            {saving ? '正在保存' : '保存排序'}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** The bureau's view of one unit's list: read-only order, and 入选 / 未入选 once the units' deadline has passed. */
function BureauGroup({ group, canDecide, onDecided }: { group: RankingGroup; canDecide: boolean; onDecided: () => void }) {
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()
  const decide = async (item: RankedItem, selected: boolean) => {
    const word = selected ? '入选' : '未入选'
    const ok = await Taro.showModal({ title: `确定${word}`, content: `确定“${item.title}”${word}？企业会收到通知。`, confirmText: word, cancelText: '取消' })
      .then((r) => r.confirm)
      .catch(() => false)
    if (!ok) return
    setBusy(item.id)
    setError(undefined)
    try {
      await recordOutcome(item.id, selected, '')
      Taro.showToast({ title: `已确定${word}`, icon: 'success', duration: 1500 })
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(undefined)
      onDecided()
    }
  }
  return (
    <View className='card rc-ranking' data-testid='ranking-group' data-unit={group.unit.id}>
      <QuotaMeter meter={group.quota} unitName={group.unit.name} closed={canDecide} />
      {error ? <Notice kind='error'>{error}</Notice> : null}
      <View role='list' aria-label={`${group.unit.name}推荐名单`}>
        {group.items.map((item) => (
          <View key={item.id} className='rc-ranked' role='listitem' data-testid='ranked-item' data-demand-id={item.id}>
            <Text className='rc-ranked__rank'>{item.rank}</Text>
            <View className='ui-grow' role='link' onClick={() => void openPage(RECOMMEND_ROUTES.demand(item.id))}>
              <RankedText item={item} group={group} />
            </View>
            {canDecide ? (
              <View className='ui-keep ui-flex ui-gap-sm'>
                <Button
                  size='small'
                  type='primary'
                  fill={item.status === 'selected' ? 'solid' : 'outline'}
                  disabled={!!busy || item.status === 'selected'}
                  aria-pressed={item.status === 'selected'}
                  onClick={() => void decide(item, true)}
                >
                  入选
                </Button>
                <Button
                  size='small'
                  fill={item.status === 'not_selected' ? 'solid' : 'outline'}
                  disabled={!!busy || item.status === 'not_selected'}
                  aria-pressed={item.status === 'not_selected'}
                  onClick={() => void decide(item, false)}
                >
                  未入选
                </Button>
              </View>
            ) : (
              <StatusTag status={item.status} />
            )}
          </View>
        ))}
      </View>
    </View>
  )
}

export interface RankingScreenProps {
  campaignId: string
  /** Bureau: one unit's list. */
  unit?: string
  refreshKey?: number
}

/** 推荐排序 (a unit) / 推荐名单 (the bureau: every unit's, with the outcome). */
export function RankingScreen({ campaignId, unit, refreshKey }: RankingScreenProps) {
  const wide = useWide()
  const state = useScreenAsync(() => loadRanking(campaignId, unit), [campaignId, unit], { refreshKey })
  useRedirectToLoginOnce(state.error)

  return (
    <View className={`page rc-page rc-ranking-screen${wide ? ' is-wide' : ''}`}>
      <AsyncView state={state} rows={3} states={reviewStates('推荐名单加载失败')}>
        {({ viewer, campaign, ranking }) => {
          const bureau = viewer.role === 'bureau'
          const own = ranking.groups[0]
          const unitName = bureau ? (unit ? own?.unit.name ?? '' : '全部推荐单位') : own?.unit.name ?? ''
          const closed = serverNow() >= Date.parse(ranking.deadlineAt)
          return (
            <View className='rc-narrow'>
              <View className='card'>
                <Text className='ui-h3'>{campaign.title}</Text>
                <Text className='ui-label ui-mt-xs'>{unitName}</Text>
                {!bureau && own ? <QuotaMeter meter={own.quota} closed={ranking.readOnly} /> : null}
                {!bureau && ranking.readOnly ? (
                  <Notice kind='closed' testId='closed-banner'>
                    推荐已于{ranking.deadlineText}截止，推荐名单和顺序只能查看，不能再调整。
                  </Notice>
                ) : null}
                {bureau ? (
                  <Notice kind={closed ? 'info' : 'closed'}>
                    {closed ? '推荐已截止，可逐项确定入选或未入选。' : `推荐单位可调整推荐至${ranking.deadlineText}，截止后可确定入选结果；以下为当前推荐名单。`}
                  </Notice>
                ) : !ranking.readOnly ? (
                  <Text className='ui-meta ui-mt-xs'>可调整至 {ranking.deadlineText}</Text>
                ) : null}
                <View className='ui-row ui-start ui-wrap ui-gap-md ui-mt-lg'>
                  <Button className='rc-inbox__link' type='primary' fill='outline' size='small' onClick={() => void openPage(RECOMMEND_ROUTES.inbox(campaignId, bureau ? unit : undefined))}>
                    {bureau ? '全部需求' : ranking.readOnly ? '查看需求' : '审核需求'}
                  </Button>
                  <ExportButton
                    campaignId={campaignId}
                    size='small'
                    unit={bureau ? unit : undefined}
                    label={bureau && !unit ? '导出全部' : '导出汇总表'}
                    fileName={`${campaign.title}汇总表-${unitName}.xlsx`}
                  />
                </View>
              </View>

              {bureau ? (
                ranking.groups.length === 0 ? (
                  <View className='card'>
                    <StateView kind='empty' title='暂无推荐需求' description='推荐单位推荐的需求会按单位和顺序显示在这里' />
                  </View>
                ) : (
                  ranking.groups.map((g) => <BureauGroup key={g.unit.id} group={g} canDecide={closed} onDecided={state.refresh} />)
                )
              ) : own ? (
                <RankingEditor
                  campaignId={campaignId}
                  group={own}
                  readOnly={ranking.readOnly}
                  deadlineText={ranking.deadlineText}
                  onSaved={(r) => {
                    state.setData({ viewer, campaign, ranking: r })
                    state.refresh() // the meter as the server has it now
                  }}
                  onReload={state.refresh}
                />
              ) : null}
            </View>
          )
        }}
      </AsyncView>
    </View>
  )
}
