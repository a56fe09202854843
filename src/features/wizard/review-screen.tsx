import { Dialog } from '@nutui/nutui-react-taro'
import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { CampaignDefinition } from '../../../types/campaign'
import { DEMAND_STATUS_LABELS, type Demand, type UnitType } from '../../../types/domain'
import {
  checkEligibility,
  completeness,
  demandTitle,
  sameAnswers,
  submittable,
  visibleFields,
  visibleSteps,
  type Answers,
  type FieldIssue
} from '../../../types/engine'
import { QualityCard } from '../../components/quality-hints'
import { loadById, useScreenAsync } from '../../components/use-async'
import { toApiError, type ApiError } from '../../services/http'
import { openPage, ROUTES } from '../../services/navigation'
import { DemandPage } from './demand-page'
import { getDemand, saveDraft, submitDemand, type CampaignForWizard } from './api'
import { readDraft, writeDraft } from './draft-store'
import { ReadOnlyValue } from './fields'
import { qualityReport } from '../../../types/quality'
import { formatDeadline, formatInstant } from '../../../types/time'
import { EMPTY_ANSWER, answerText } from '../../../types/display'
import { openDrafts } from './hooks/draft-sync'
import { openDemand } from './load'
import { openWizardAt } from './navigation'
import { DEADLINE_BANNER } from './wizard-screen'
import './wizard.scss'

interface ReviewData {
  demand: Demand
  campaign: CampaignForWizard
  def: CampaignDefinition
  unitType: UnitType | '' | undefined
  /** What this phone holds that the server does not (then it is shown, and cannot be submitted yet). */
  pending: 'none' | 'unsent' | 'conflict'
  answers: Answers
}

/**
 * Loads the demand as it will be submitted. Whatever this phone holds unsent is saved first:
 * through the open wizard when there is one (one writer per demand), else directly.
 */
async function loadReview(id: string): Promise<ReviewData> {
  const live = openDrafts.get(id)
  if (live) await live.flush().catch(() => undefined)
  const opened = await openDemand(id)
  if (!opened.demand) throw toApiError(new Error('offline'))
  let demand = opened.demand
  let pending: ReviewData['pending'] = 'none'
  const local = readDraft(id)
  if (live) {
    const snap = live.getSnapshot()
    if (snap.status.kind === 'conflict') pending = 'conflict'
    else if (snap.dirty) pending = 'unsent'
  } else if (local?.dirty && !demand.readOnly) {
    if (sameAnswers(local.answers, demand.answers)) {
      writeDraft({ ...local, dirty: false, baseVersion: demand.version, baseAnswers: demand.answers })
    } else if (local.baseVersion === demand.version) {
      try {
        const saved = await saveDraft(id, { baseVersion: local.baseVersion, answers: local.answers, currentStep: local.currentStep })
        writeDraft({ ...local, dirty: false, baseVersion: saved.version, baseAnswers: local.answers })
        demand = await getDemand(id)
      } catch {
        pending = 'unsent'
      }
    } else pending = 'conflict'
  }
  const answers = pending === 'none' ? demand.answers : (live?.working ?? local?.answers ?? demand.answers)
  return { demand, campaign: opened.campaign, def: opened.def, unitType: opened.unitType, pending, answers }
}

export function ReviewScreen({ id, shownKey }: { id: string | undefined; shownKey?: number }) {
  const state = useScreenAsync(() => loadById(id, '需求', loadReview), [id], { refreshKey: shownKey })
  return (
    <DemandPage state={state} rows={4} signedOut='登录后可查看并提交需求'>
      {(data) => <Review data={data} onReload={state.refresh} />}
    </DemandPage>
  )
}

type Submit =
  | { kind: 'idle' }
  | { kind: 'confirming' }
  | { kind: 'submitting' }
  | { kind: 'checking' }
  | { kind: 'done'; demand: Demand; afterNetworkDrop: boolean }
  | { kind: 'failed'; message: string; fields?: FieldIssue[] }
  | { kind: 'unknown' }

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

function Review({ data, onReload }: { data: ReviewData; onReload: () => void }) {
  const { def, demand, campaign, unitType, pending, answers } = data
  const [submit, setSubmit] = useState<Submit>({ kind: 'idle' })
  const shown = submittable(def, answers, unitType)
  const steps = visibleSteps(def, answers, unitType)
  const visible = new Set(visibleFields(def, answers, unitType).map((f) => f.id))
  const comp = completeness(def, answers, unitType)
  const eligibility = unitType !== undefined ? checkEligibility(def, answers, unitType) : []
  const upToDate = demand.submittedVersion !== null && !demand.hasUnsubmittedChanges && pending === 'none'
  const canSubmit = !demand.readOnly && pending === 'none' && comp.complete && eligibility.length === 0 && !upToDate
  const recommender = def.recommenders.units.find((u) => u.id === shown.recommender)?.name ?? '推荐单位'
  const edit = (step: string, field?: string) => void openWizardAt({ id: demand.id, step, field })

  /** The network dropped during submit: ask the server whether it went through. */
  const findOut = async (before: number) => {
    setSubmit({ kind: 'checking' })
    for (const delay of [0, 1000, 2000, 4000]) {
      await wait(delay)
      try {
        const now = await getDemand(demand.id)
        if ((now.submittedVersion ?? 0) > before) return setSubmit({ kind: 'done', demand: now, afterNetworkDrop: true })
        return setSubmit({ kind: 'failed', message: '网络中断，本次提交没有成功，需求仍为提交前的状态。请检查网络后重新提交。' })
      } catch (e) {
        if (toApiError(e).status !== 0) break
      }
    }
    setSubmit({ kind: 'unknown' })
  }

  const doSubmit = async () => {
    const before = demand.submittedVersion ?? 0
    setSubmit({ kind: 'submitting' })
    try {
      const result = await submitDemand(demand.id, demand.version)
      setSubmit({ kind: 'done', demand: result, afterNetworkDrop: false })
    } catch (e) {
      const err: ApiError = toApiError(e)
      if (err.status === 0 || err.status >= 500) return void findOut(before)
      if (err.code === 'VALIDATION_FAILED') {
        return setSubmit({ kind: 'failed', message: err.message, fields: (err.fields ?? []).map((f) => ({ ...f })) })
      }
      if (err.code === 'VERSION_CONFLICT') {
        return setSubmit({ kind: 'failed', message: '本需求已在其他设备上修改，请回到填写页核对后再提交。' })
      }
      if (err.code === 'PROFILE_INCOMPLETE') return setSubmit({ kind: 'failed', message: '请先完善单位信息（我的 → 单位信息），再提交需求。' })
      setSubmit({ kind: 'failed', message: err.message })
    }
  }

  if (submit.kind === 'done') {
    return <Submitted demand={submit.demand} campaign={campaign} recommender={recommender} afterNetworkDrop={submit.afterNetworkDrop} />
  }

  const fieldsById = new Map(def.steps.flatMap((s) => s.fields).map((f) => [f.id, f]))
  // Scored as it will be submitted (the server keeps the same score with the version).
  const quality = qualityReport(def, shown, unitType || undefined)
  const stepOfField = new Map(def.steps.flatMap((s) => s.fields.map((f) => [f.id, s.id] as const)))

  return (
    <View className='wz wz-review'>
      <View className='page-head'>
        <Text className='ui-meta ui-mb-xs'>{def.title}</Text>
        <Text className='ui-h2 ui-break' selectable userSelect>
          {demandTitle(def, answers) || '未命名需求'}
        </Text>
        <Text className='ui-meta ui-mt-xs'>
          {DEMAND_STATUS_LABELS[demand.status]}
          {demand.submittedVersion ? ` · 已提交第${demand.submittedVersion}版（${formatInstant(demand.submittedAt)}）` : ''}
        </Text>
      </View>

      {demand.readOnly ? (
        <View className='wz-banner ui-tint-muted ui-edge-muted' role='alert' data-testid='readonly-banner'>
          <Text className='wz-banner__title'>{DEADLINE_BANNER}</Text>
        </View>
      ) : null}
      {pending === 'unsent' ? (
        <View className='wz-banner ui-tint-warn ui-edge-warn' role='alert'>
          <Text className='ui-para-sm'>本机有修改尚未保存到服务器（可能处于离线状态）。以下显示本机内容，网络恢复、保存完成后才能提交。</Text>
          <View className='wz-link' role='button' onClick={onReload}>
            重新检查 ›
          </View>
        </View>
      ) : null}
      {pending === 'conflict' ? (
        <View className='wz-banner ui-tint-warn ui-edge-warn' role='alert'>
          <Text className='ui-para-sm'>本需求已在其他设备上修改，与本机内容不同。请回到填写页逐项核对后再提交。</Text>
          <View className='wz-link' role='link' onClick={() => edit(demand.currentStep)}>
            去核对 ›
          </View>
        </View>
      ) : null}

      <View className='card wz-summary' data-testid='completeness'>
        <Text className='ui-h4 ui-mb-xs'>
          {comp.complete ? `${comp.total} 步已全部完成` : `已完成 ${comp.done}/${comp.total} 步`}
        </Text>
        {comp.steps
          .filter((s) => !s.done)
          .map((s) => (
            <View key={s.id} className='wz-summary__step' role='link' onClick={() => edit(s.id)} data-missing-step={s.id}>
              <Text className='ui-strong'>{s.title}</Text>
              <Text className='ui-error-md ui-grow'>
                {s.missing.length ? `未填：${s.missing.join('、')}` : ''}
                {s.missing.length && s.errors ? '；' : ''}
                {s.errors ? `${s.errors} 处需要修改` : ''}
                {!s.missing.length && !s.errors ? '需先完成前面的步骤' : ''}
              </Text>
              <Text className='wz-link'>去填写 ›</Text>
            </View>
          ))}
        {eligibility.length ? (
          <View className='wz-summary__ineligible' role='alert' data-testid='ineligible'>
            <Text className='ui-strong'>不符合申报条件，不能提交</Text>
            {eligibility.map((e) => (
              <View key={e.ruleId} className='ui-error-md' data-rule={e.ruleId}>
                {e.message}
              </View>
            ))}
          </View>
        ) : null}
      </View>

      <QualityCard
        report={quality}
        def={def}
        list='top'
        goodMessage='内容具体、完整，没有发现需要补充的地方。'
        action={
          demand.readOnly
            ? undefined
            : {
                label: '去修改',
                describe: (_, label) => `去修改${label}`,
                run: (h) => edit(stepOfField.get(h.field) ?? demand.currentStep, h.field)
              }
        }
      />

      {steps.map((s) => (
        <View key={s.id} className='card wz-review__step' data-review-step={s.id}>
          <View className='ui-row ui-between ui-mb-xs'>
            <Text className='ui-h3'>{s.title}</Text>
            {!demand.readOnly ? (
              <View className='wz-link' role='link' aria-label={`修改${s.title}`} onClick={() => edit(s.id)}>
                修改
              </View>
            ) : null}
          </View>
          {s.fields
            .filter((f) => visible.has(f.id))
            .map((f) => {
              const text = answerText(def, f, shown[f.id])
              const missing = text === EMPTY_ANSWER && f.required
              return (
                <View key={f.id} className={`wz-review__field ui-line-top ui-py-md${missing ? ' is-missing' : ''}`} data-review-field={f.id}>
                  <View className='wz-review__field-head'>
                    <Text className='ui-label'>{f.label}</Text>
                    {!demand.readOnly ? (
                      <View className='wz-link wz-review__edit' role='link' aria-label={`修改${f.label}`} onClick={() => edit(s.id, f.id)}>
                        修改
                      </View>
                    ) : null}
                  </View>
                  <ReadOnlyValue text={missing ? '未填写（必填）' : text} empty={text === EMPTY_ANSWER} />
                </View>
              )
            })}
        </View>
      ))}

      {submit.kind === 'failed' ? (
        <View className='wz-banner ui-tint-warn ui-edge-warn' role='alert' data-testid='submit-error'>
          <Text className='ui-para-sm'>{submit.message}</Text>
          {submit.fields?.map((f, i) => (
            <View key={i} className='wz-link' role='link' onClick={() => edit(stepOfField.get(f.field) ?? demand.currentStep, f.field)}>
              {fieldsById.get(f.field)?.label ?? f.field}：{f.message} ›
            </View>
          ))}
        </View>
      ) : null}
      {submit.kind === 'checking' ? (
        <View className='wz-banner ui-tint-primary' role='status'>
          <Text className='ui-para-sm'>网络中断，正在向服务器确认是否已提交…</Text>
        </View>
      ) : null}
      {submit.kind === 'unknown' ? (
        <View className='wz-banner ui-tint-warn ui-edge-warn' role='alert' data-testid='submit-unknown'>
          <Text className='ui-para-sm'>网络中断，暂时无法确认本次是否提交成功。请在网络恢复后点“查询提交结果”，不要重复填写。</Text>
          <Button size='small' type='primary' onClick={() => void findOut(demand.submittedVersion ?? 0)}>
            查询提交结果
          </Button>
        </View>
      ) : null}

      <View className='ui-bar-room' />
      <View className='wz-actionbar'>
        {!demand.readOnly ? (
          <View className='wz-actionbar__status'>
            <Text className='ui-help'>
              {upToDate
                ? `当前内容已于 ${formatInstant(demand.submittedAt)} 提交（第${demand.submittedVersion}版），修改后可重新提交`
                : canSubmit
                  ? `${formatDeadline(campaign.enterpriseDeadlineAt)} 前可修改并重新提交`
                  : pending !== 'none'
                    ? '本机内容保存到服务器后才能提交'
                    : eligibility.length
                      ? '不符合申报条件，不能提交'
                      : '完成全部必填项后才能提交'}
            </Text>
          </View>
        ) : null}
        <View className='ui-flex ui-gap-md'>
          <Button className='wz-actionbar__back' fill='outline' onClick={() => edit(demand.currentStep)}>
            {demand.readOnly ? '逐步查看' : '返回修改'}
          </Button>
          {demand.readOnly ? null : (
            <Button
              className='wz-actionbar__next'
              type='primary'
              disabled={!canSubmit || submit.kind === 'submitting' || submit.kind === 'checking'}
              loading={submit.kind === 'submitting' || submit.kind === 'checking'}
              onClick={() => setSubmit({ kind: 'confirming' })}
            >
              {demand.submittedVersion ? `重新提交（第${demand.submittedVersion + 1}版）` : '提交需求'}
            </Button>
          )}
        </View>
      </View>

      <Dialog
        visible={submit.kind === 'confirming'}
        title={demand.submittedVersion ? '确认重新提交' : '确认提交'}
        content={`提交后，${recommender}即可看到本需求并开展审核。${formatDeadline(campaign.enterpriseDeadlineAt)} 前仍可修改并重新提交，以最后一次提交为准。`}
        confirmText='确认提交'
        cancelText='再检查一下'
        onConfirm={() => void doSubmit()}
        onCancel={() => setSubmit({ kind: 'idle' })}
        onClose={() => setSubmit((s) => (s.kind === 'confirming' ? { kind: 'idle' } : s))}
      />
    </View>
  )
}

/** After a submission: the time, the version, what happens next and until when it may be revised. */
function Submitted({
  demand,
  campaign,
  recommender,
  afterNetworkDrop
}: {
  demand: Demand
  campaign: CampaignForWizard
  recommender: string
  afterNetworkDrop: boolean
}) {
  return (
    <View className='wz wz-done'>
      <View className='card wz-done__card' role='status' data-testid='submitted'>
        <View className='wz-done__icon' aria-hidden='true'>
          ✓
        </View>
        <Text className='wz-done__title ui-h1 ui-mt-xl ui-mb-md'>{demand.submittedVersion && demand.submittedVersion > 1 ? '已重新提交' : '已提交'}</Text>
        {afterNetworkDrop ? <Text className='ui-note ui-mt-2xs ui-mb-sm'>提交时网络曾中断，已向服务器确认：本次提交已成功。</Text> : null}
        <View className='ui-flex ui-gap-md ui-mt-md ui-mb-xl'>
          <View className='wz-done__fact'>
            <Text className='ui-meta'>版本</Text>
            <Text className='ui-h5' data-testid='submitted-version'>
              第 {demand.submittedVersion} 版
            </Text>
          </View>
          <View className='wz-done__fact'>
            <Text className='ui-meta'>提交时间</Text>
            <Text className='ui-h5' data-testid='submitted-at'>
              {formatInstant(demand.submittedAt)}
            </Text>
          </View>
        </View>
        <Text className='ui-h4 ui-mb-xs'>接下来</Text>
        <Text className='ui-para ui-mb-xs'>
          · {recommender}将审核本需求，并在 {formatDeadline(campaign.recommenderDeadlineAt)} 前择优推荐；进展会通过消息通知您。
        </Text>
        <Text className='ui-para ui-mb-xs'>
          · 在 <Text className='ui-bold ui-primary'>{formatDeadline(campaign.enterpriseDeadlineAt)}</Text> 前，您仍可修改并重新提交，以最后一次提交的版本为准。
        </Text>
        <Button className='wz-done__button' type='primary' block onClick={() => void openPage(ROUTES.versions(demand.id))}>
          查看版本记录
        </Button>
        <Button className='wz-done__button' fill='outline' block onClick={() => void openPage(ROUTES.demands)}>
          返回我的需求
        </Button>
      </View>
    </View>
  )
}
