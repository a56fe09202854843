import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import { DEMAND_STATUS_LABELS } from '../../../types/domain'
import type { TimelineEntry } from '../../../types/recommend'
import { DEMAND_STATUS_TONES, type NextAction, type StatusStep } from '../../../types/status'
import { PhoneText } from '../../components/phone-link/phone-text'
import { AsyncView, StateView } from '../../components/state-view'
import { StatusTag } from '../../components/status-tag'
import { loadById, useScreenAsync } from '../../components/use-async'
import { openPage, ROUTES } from '../../services/navigation'
import { DEMAND_NOT_FOUND } from '../demands'
import { getDemandStatus, type DemandStatusView } from './api'
import { formatInstant } from '../../../types/time'
import './status.scss'

/** What a reason is called on the timeline. */
function reasonLabel(e: TimelineEntry): string {
  if (e.action === 'return') return '退回原因'
  if (e.action === 'not_recommend') return '未推荐原因'
  return '说明'
}

/** The status a current step shows under its label, unless the label already says it (已提交 on 已提交). */
function stepStatus(s: StatusStep): string | null {
  const label = s.state === 'current' && s.status ? DEMAND_STATUS_LABELS[s.status] : null
  return label === s.label ? null : label
}

function Steps({ steps }: { steps: StatusStep[] }) {
  return (
    <View className='ui-flex' role='list' aria-label='办理进度'>
      {steps.map((s, i) => {
        const shown = stepStatus(s)
        return (
          <View
            key={s.key}
            role='listitem'
            className={`status-step status-step--${s.state}${s.status ? ` is-${DEMAND_STATUS_TONES[s.status]}` : ''}`}
            aria-current={s.state === 'current' ? 'step' : undefined}
            aria-label={`${s.label}，${s.state === 'done' ? '已完成' : s.state === 'current' ? (shown ? `当前：${shown}` : '当前步骤') : '未开始'}`}
          >
            <View className='status-step__track' aria-hidden='true'>
              <View className={`status-step__line${i === 0 ? ' is-hidden' : ''}`} />
              <View className='status-step__dot'>
                <Text>{s.state === 'done' ? '✓' : String(i + 1)}</Text>
              </View>
              <View className={`status-step__line${i === steps.length - 1 ? ' is-hidden' : ''}`} />
            </View>
            <Text className='status-step__label'>{s.label}</Text>
            {shown ? <Text className='status-step__status'>{shown}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}

/** Actions that close at the same time, on one line: 修改需求、提交：可至 2026年12月18日 24:00. */
function byDeadline(actions: NextAction[]): Array<[string | null, string]> {
  const groups = new Map<string | null, string[]>()
  for (const a of actions) groups.set(a.untilText, [...(groups.get(a.untilText) ?? []), a.label])
  return [...groups].map(([until, labels]) => [until, labels.join('、')])
}

function NextCard({ view }: { view: DemandStatusView }) {
  const { next, id, status } = view
  const edit = next.actions.find((a) => a.action === 'edit')
  const submit = next.actions.find((a) => a.action === 'submit')
  const until = (a: NextAction | undefined) => (a?.untilText ? `截止 ${a.untilText}` : '')
  return (
    <View className={`card status-next ${next.readOnly ? 'ui-edge-muted' : 'ui-edge-primary'}`} data-testid='next-actions' data-read-only={next.readOnly ? 'true' : 'false'}>
      <Text className='ui-h4 ui-mb-xs'>{next.readOnly ? '只能查看' : '现在可以做什么'}</Text>
      <Text className='ui-para'>{next.message}</Text>
      {next.actions.length > 0 ? (
        <View className='ui-mt-sm'>
          {byDeadline(next.actions).map(([untilText, labels]) => (
            <Text key={labels} className='ui-note'>
              {labels}
              {untilText ? `：可至 ${untilText}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {edit ? (
        <Button
          className='status-next__button'
          type='primary'
          block
          onClick={() => void openPage(ROUTES.wizard(id))}
          aria-label={`${status === 'returned' ? '按退回原因修改' : '修改需求'}，${until(edit)}`}
        >
          {status === 'returned' ? '按退回原因修改' : status === 'draft' ? '继续填写' : '修改需求'}
        </Button>
      ) : null}
      {!edit && submit ? (
        <Button className='status-next__button' type='primary' block onClick={() => void openPage(ROUTES.review(id))}>
          检查并提交
        </Button>
      ) : null}
    </View>
  )
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  // Newest first: the current state is what people look for.
  const newestFirst = [...entries].reverse()
  return (
    <View className='card status-timeline'>
      <Text className='section-title'>办理记录</Text>
      <View role='list' aria-label='办理记录'>
        {newestFirst.map((e, i) => (
          <View
            key={`${e.at}-${i}`}
            role='listitem'
            className={`timeline-entry ui-flex ui-gap-lg${i === 0 ? ' is-current' : ''} is-${DEMAND_STATUS_TONES[e.to]}`}
            data-action={e.action}
            aria-current={i === 0 ? 'true' : undefined}
          >
            <View className='timeline-entry__rail' aria-hidden='true'>
              <View className='timeline-entry__dot' />
              {i < newestFirst.length - 1 ? <View className='timeline-entry__line' /> : null}
            </View>
            <View className='timeline-entry__body ui-grow ui-pb-3xl'>
              <View className='ui-row ui-start ui-between ui-gap-md'>
                <Text className='timeline-entry__summary'>{e.summary}</Text>
                <StatusTag status={e.to} size='small' past={i > 0} className='ui-mt-2xs' testId='timeline-status' />
              </View>
              <Text className='ui-help ui-mt-2xs ui-words'>
                {formatInstant(e.at)} · {e.actorUnit || e.actorRoleLabel}
              </Text>
              {e.rank && (e.action === 'recommend' || e.action === 'rerank') ? (
                <Text className='timeline-entry__rank'>推荐排序：第 {e.rank} 位</Text>
              ) : null}
              {e.reason ? (
                <View className={`timeline-entry__reason${e.action === 'return' ? ' is-return' : ''}`}>
                  <Text className='timeline-entry__reason-label ui-meta ui-bold ui-mb-2xs'>{reasonLabel(e)}</Text>
                  <Text className='timeline-entry__reason-text ui-quote ui-pre ui-words' userSelect>
                    <PhoneText text={e.reason} />
                  </Text>
                </View>
              ) : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}

export interface StatusScreenProps {
  id?: string
  /** Bumped when the page shows again or is pulled down. */
  refreshKey?: number
  onRefreshed?: () => void
}

/** 办理进度: where the enterprise's demand stands, what happened, what it can do now and until when. */
export function StatusScreen({ id, refreshKey, onRefreshed }: StatusScreenProps) {
  const state = useScreenAsync(() => loadById(id, '需求', getDemandStatus), [id], { refreshKey, onRefreshed })
  return (
    <View className='page status-screen'>
      <AsyncView state={state} rows={3} states={{ signedOut: '登录后可查看需求的办理进度', notFound: DEMAND_NOT_FOUND }}>
        {(view) => <Status view={view} />}
      </AsyncView>
    </View>
  )
}

function Status({ view }: { view: DemandStatusView }) {
  const { next } = view
  return (
    <>
      <View className='card status-head'>
        <View className='status-head__top ui-row ui-wrap ui-mb-md'>
          <StatusTag status={view.status} size='large' testId='status-label' />
          {view.rank ? (
            <Text className='ui-h5 ui-success' data-testid='rank'>
              推荐排序第 {view.rank} 位
            </Text>
          ) : null}
        </View>
        <Text className='ui-h2 ui-words'>{view.title.trim() || '未命名需求'}</Text>
        <Text className='ui-label ui-mt-xs'>{view.campaignTitle}</Text>
        {view.unit ? <Text className='ui-label ui-mt-xs'>推荐单位：{view.unit.name}</Text> : null}
      </View>

      {view.status !== 'draft' ? (
        <View className='card'>
          <Steps steps={view.steps} />
        </View>
      ) : null}

      <NextCard view={view} />

      <View className='card status-links ui-py-0'>
        <View className='status-links__item' role='link' onClick={() => void openPage(ROUTES.thread(view.id))}>
          <Text className='ui-value-lg ui-keep'>与推荐单位留言</Text>
          <Text className='status-links__hint ui-meta ui-grow ui-ellipsis ui-right'>{view.status === 'returned' ? '查看退回原因、提问' : '提问、查看回复'}</Text>
          <Text className='ui-chevron' aria-hidden='true'>
            ›
          </Text>
        </View>
        <View className='status-links__item' role='link' data-testid='open-review' onClick={() => void openPage(ROUTES.review(view.id))}>
          <Text className='ui-value-lg ui-keep'>填报内容</Text>
          <Text className='status-links__hint ui-meta ui-grow ui-ellipsis ui-right'>{next.readOnly ? '查看全部填写内容' : '查看、逐项修改'}</Text>
          <Text className='ui-chevron' aria-hidden='true'>
            ›
          </Text>
        </View>
        {view.timeline.some((e) => e.action === 'submit') ? (
          <View className='status-links__item' role='link' onClick={() => void openPage(ROUTES.versions(view.id))}>
            <Text className='ui-value-lg ui-keep'>历次提交版本</Text>
            <Text className='status-links__hint ui-meta ui-grow ui-ellipsis ui-right'>每次提交的内容与改动</Text>
            <Text className='ui-chevron' aria-hidden='true'>
              ›
            </Text>
          </View>
        ) : null}
      </View>

      {view.timeline.length > 0 ? (
        <Timeline entries={view.timeline} />
      ) : (
        <StateView kind='empty' title='尚未提交' description='提交后，每一次审核、退回和推荐都会记录在这里' />
      )}
    </>
  )
}
