import { Button } from '../../components/button'
import { Input, Picker, Text, View } from '@tarojs/components'
import { useEffect, useMemo, useRef, useState } from 'react'
import { formatDeadline, formatDeadlineDay } from '../../../types/time'
import { DEMAND_STATUS_LABELS, type CampaignDetail, type DemandStatus } from '../../../types/domain'
import { INBOX_SORT_LABELS, INBOX_STATUSES, type InboxSort } from '../../../types/recommend'
import { AsyncView, ErrorState, StateView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { useRefreshOnKey } from '../../components/use-refresh-key'
import { serverNow, syncClock } from '../../services/clock'
import { openPage } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { getCampaign } from '../campaigns/api'
import type { InboxFilters } from './api'
import { Chips, type ChipOption } from './components/chips'
import { ExportButton } from './components/export-button'
import { reviewStates } from './components/guard'
import { InboxRow } from './components/inbox-row'
import { Notice } from './components/notice'
import { QuotaMeter, QuotaMeterPending } from './components/quota-meter'
import { DemandReview } from './demand-review'
import { RECOMMEND_ROUTES } from './routes'
import { useInbox } from './use-inbox'
import { useWide } from './use-wide'
import { loadViewer, type Viewer } from './viewer'
import './recommend.scss'

/** The filter names the two statuses that wait on the unit as the unit sees them; the others read as everywhere. */
const STATUS_FILTER_LABELS: Partial<Record<DemandStatus, string>> = { submitted: '待审核', reviewing: '审核中' }

const STATUS_OPTIONS: ChipOption[] = [
  { value: '', label: '全部' },
  ...INBOX_STATUSES.map((value) => ({ value, label: STATUS_FILTER_LABELS[value] ?? DEMAND_STATUS_LABELS[value] }))
]

const SORT_OPTIONS: ChipOption[] = Object.entries(INBOX_SORT_LABELS).map(([value, label]) => ({ value, label }))

/** Typing pauses this long before the search runs by itself. */
const SEARCH_DEBOUNCE_MS = 500

interface Head {
  viewer: Viewer
  campaign: CampaignDetail
}

async function loadHead(campaignId: string): Promise<Head> {
  const viewer = await loadViewer()
  const [campaign] = await Promise.all([getCampaign(campaignId), syncClock().catch(() => undefined)])
  return { viewer, campaign }
}

export interface InboxScreenProps {
  campaignId: string
  /** Bureau: start with one unit's demands. */
  unit?: string
  /** Bumped by the page when shown again / pulled down: reload quietly. */
  refreshKey?: number
  /** Bumped by the page at the bottom of the list: load the next page. */
  reachBottomKey?: number
  onRefreshed?: () => void
  /** Demands per page (20; the server allows up to 100). */
  pageSize?: number
}

/**
 * The demands that chose the unit (the bureau: every unit's), newest first or by quality score:
 * filter by status and field, search by name or enterprise, 20 at a time. On a phone a demand opens on its
 * own page; in a desktop browser (≥ 900 px) beside the list.
 */
export function InboxScreen({ campaignId, unit, refreshKey, reachBottomKey, onRefreshed, pageSize }: InboxScreenProps) {
  const wide = useWide()
  const head = useAsync(() => loadHead(campaignId), [campaignId])
  useRedirectToLoginOnce(head.error)
  const [filters, setFilters] = useState<InboxFilters>(unit ? { unit } : {})
  const [typed, setTyped] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [detailKey, setDetailKey] = useState(0)
  const inbox = useInbox(campaignId, filters, head.status === 'success', pageSize)
  // Past 1,000 matches the server estimates the total (server/recommend.ts EXACT_COUNT_MAX) and the list says so.
  const shownTotal = inbox.totalEstimated ? `约 ${inbox.total}` : String(inbox.total)

  // Search by itself once typing pauses.
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useEffect(() => () => clearTimeout(timer.current), [])
  const search = (text: string) => {
    clearTimeout(timer.current)
    setFilters((f) => ((f.q ?? '') === text.trim() ? f : { ...f, q: text.trim() || undefined }))
  }
  const onType = (text: string) => {
    setTyped(text)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => search(text), SEARCH_DEBOUNCE_MS)
  }

  useRefreshOnKey(refreshKey, () => {
    if (head.status !== 'success') head.reload()
    else inbox.refresh()
    setDetailKey((k) => k + 1)
    onRefreshed?.()
  })
  useRefreshOnKey(reachBottomKey, () => {
    if (!wide) inbox.loadMore()
  })

  const open = (id: string) => {
    if (wide) setSelected(id)
    else void openPage(RECOMMEND_ROUTES.demand(id))
  }

  const domainOptions = useMemo<ChipOption[]>(
    () => [{ value: '', label: '全部领域' }, ...(head.data?.campaign.definition.domains ?? []).map((d) => ({ value: d.id, label: d.label }))],
    [head.data]
  )

  return (
    <View className={`page rc-page rc-inbox${wide ? ' is-wide' : ''}`}>
      <AsyncView state={head} rows={3} states={reviewStates()}>
        {({ viewer, campaign }) => {
          const bureau = viewer.role === 'bureau'
          const closed = serverNow() >= Date.parse(campaign.recommenderDeadlineAt)
          const units = campaign.definition.recommenders.units
          const unitIndex = filters.unit ? units.findIndex((u) => u.id === filters.unit) + 1 : 0
          const now = serverNow()

          const list = (
            <View className='rc-inbox__list'>
              <View className='card rc-filters'>
                <View className='rc-search'>
                  <Input
                    className='rc-search__input'
                    value={typed}
                    type='text'
                    confirmType='search'
                    placeholder='搜索需求名称或企业名称'
                    maxlength={100}
                    aria-label='搜索需求名称或企业名称'
                    onInput={(e) => onType(e.detail.value)}
                    onConfirm={(e) => search(e.detail.value)}
                  />
                  {typed ? (
                    <View
                      className='rc-search__clear'
                      role='button'
                      aria-label='清除搜索'
                      onClick={() => {
                        setTyped('')
                        search('')
                      }}
                    >
                      ×
                    </View>
                  ) : null}
                  <Button className='ui-keep' size='small' type='primary' onClick={() => search(typed)}>
                    搜索
                  </Button>
                </View>
                <Chips
                  label='状态'
                  testId='status-filter'
                  options={STATUS_OPTIONS}
                  value={filters.status ?? ''}
                  onChange={(v) => setFilters((f) => ({ ...f, status: (v || undefined) as DemandStatus | undefined }))}
                />
                <Chips
                  label='领域'
                  testId='domain-filter'
                  options={domainOptions}
                  value={filters.domain ?? ''}
                  onChange={(v) => setFilters((f) => ({ ...f, domain: v || undefined }))}
                />
                <Chips
                  label='排序'
                  testId='sort'
                  options={SORT_OPTIONS}
                  value={filters.sort ?? 'latest'}
                  onChange={(v) => setFilters((f) => ({ ...f, sort: v === 'latest' ? undefined : (v as InboxSort) }))}
                />
                {bureau ? (
                  <Picker
                    mode='selector'
                    range={['全部推荐单位', ...units.map((u) => u.name)]}
                    value={unitIndex}
                    onChange={(e) => {
                      const i = Number(e.detail.value)
                      setFilters((f) => ({ ...f, unit: i > 0 ? units[i - 1].id : undefined }))
                    }}
                  >
                    <View className='ui-row ui-py-sm' role='button' aria-label='选择推荐单位'>
                      <Text className='rc-chips__label ui-label ui-keep'>单位</Text>
                      <Text className='ui-value ui-grow'>{unitIndex > 0 ? units[unitIndex - 1].name : '全部推荐单位'}</Text>
                      <Text className='ui-chevron ui-down' aria-hidden='true'>
                        ›
                      </Text>
                    </View>
                  </Picker>
                ) : null}
              </View>

              {inbox.status === 'loading' || inbox.status === 'idle' ? <StateView kind='loading' rows={3} /> : null}
              {inbox.status === 'error' && inbox.error ? <ErrorState error={inbox.error} retry={inbox.reload} states={reviewStates('需求列表加载失败')} /> : null}
              {inbox.status === 'success' && inbox.items.length === 0 ? (
                <StateView
                  kind='empty'
                  title={filters.q || filters.status || filters.domain || filters.unit ? '没有符合条件的需求' : '暂未收到需求'}
                  description={
                    filters.q || filters.status || filters.domain || filters.unit
                      ? '换个关键词或筛选条件试试'
                      : bureau
                        ? '企业提交需求后会显示在这里'
                        : '企业提交并选择本单位推荐的需求会显示在这里'
                  }
                />
              ) : null}
              {inbox.status === 'success' && inbox.items.length > 0 ? (
                <View className='card rc-rows'>
                  <Text className='ui-meta ui-mb-xs' data-testid='inbox-total' aria-live='polite'>
                    共 {shownTotal} 项{filters.q ? `（搜索“${filters.q}”）` : ''}
                  </Text>
                  <View role='list' aria-label='需求列表'>
                    {inbox.items.map((item) => (
                      <View key={item.id} role='listitem'>
                        <InboxRow item={item} now={now} selected={wide && item.id === selected} showUnit={bureau} onOpen={open} />
                      </View>
                    ))}
                  </View>
                  <View className='rc-more'>
                    {inbox.moreError ? (
                      <View className='ui-error ui-mb-sm' role='alert'>
                        加载失败：{inbox.moreError.message}
                      </View>
                    ) : null}
                    {inbox.hasMore ? (
                      <Button className='rc-more__button' fill='outline' loading={inbox.loadingMore} disabled={inbox.loadingMore} data-testid='load-more' onClick={inbox.loadMore}>
                        {inbox.loadingMore ? '正在加载' : `加载更多（已显示 ${inbox.items.length} / ${shownTotal}）`}
                      </Button>
                    ) : (
                      <Text className='ui-meta'>已显示全部 {inbox.total} 项</Text>
                    )}
                  </View>
                </View>
              ) : null}
            </View>
          )

          return (
            <View className='rc-inbox__body'>
              <View className='card'>
                <Text className='ui-h3'>{campaign.title}</Text>
                <Text className='ui-label ui-mt-xs'>
                  {bureau ? `${campaign.issuer} · 全部推荐单位` : units.find((u) => u.id === viewer.me.user.recommenderUnit)?.name ?? viewer.me.user.displayName}
                </Text>
                {bureau ? null : inbox.quota ? (
                  <QuotaMeter meter={inbox.quota} closed={closed} />
                ) : inbox.status === 'loading' || inbox.status === 'idle' ? (
                  <QuotaMeterPending />
                ) : null}
                {closed ? (
                  <Notice kind='closed' testId='closed-banner'>
                    推荐已于{formatDeadlineDay(campaign.definition.deadlines.recommender)}截止，{bureau ? '推荐名单已确定' : '推荐结果只能查看，不能再修改'}。
                  </Notice>
                ) : (
                  <Text className='ui-meta ui-mt-xs'>推荐截止 {formatDeadline(campaign.recommenderDeadlineAt)}</Text>
                )}
                <View className='ui-row ui-start ui-wrap ui-gap-md ui-mt-lg'>
                  <Button className='rc-inbox__link' type='primary' fill='outline' size='small' onClick={() => void openPage(RECOMMEND_ROUTES.ranking(campaignId, bureau ? filters.unit : undefined))}>
                    {bureau ? '推荐名单' : '推荐排序'}
                  </Button>
                  <ExportButton
                    campaignId={campaignId}
                    size='small'
                    unit={bureau ? filters.unit : undefined}
                    label={bureau && !filters.unit ? '导出全部' : '导出汇总表'}
                    fileName={`${campaign.title}汇总表.xlsx`}
                  />
                </View>
              </View>

              {wide ? (
                <View className='ui-flex ui-start ui-gap-3xl'>
                  <View className='rc-split__list'>{list}</View>
                  <View className='ui-grow'>
                    {selected ? (
                      <DemandReview
                        key={selected}
                        id={selected}
                        embedded
                        refreshKey={detailKey}
                        onChanged={() => inbox.refresh()}
                        onLoaded={inbox.patch}
                        onOpenDemand={(id) => setSelected(id)}
                        onOpenRanking={(id) => void openPage(RECOMMEND_ROUTES.ranking(id))}
                      />
                    ) : (
                      <View className='card rc-split__placeholder'>
                        <StateView
                          kind='empty'
                          title='选择左侧的一项需求'
                          description={bureau ? '在此查看需求内容、相似需求和办理记录' : '在此查看需求内容和相似需求，并退回修改、推荐或不予推荐。首次打开后，需求状态变为“推荐单位审核中”。'}
                        />
                      </View>
                    )}
                  </View>
                </View>
              ) : (
                list
              )}
            </View>
          )
        }}
      </AsyncView>
    </View>
  )
}
