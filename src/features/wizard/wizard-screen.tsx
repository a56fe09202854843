import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { StepDefinition } from '../../../types/campaign'
import { DEMAND_STATUS_LABELS, type Demand } from '../../../types/domain'
import { demandTitle, gateStop, type Answers } from '../../../types/engine'
import { loadById, useAsync } from '../../components/use-async'
import { whenIdle } from '../../components/when-idle'
import { goToLogin, openPage, ROUTES } from '../../services/navigation'
import { DemandPage } from './demand-page'
import { getDemand } from './api'
import { ConflictSheet } from './components/conflict-sheet'
import { EligibilityPanel, WizardOverview } from './components/overview'
import { Disclosure } from '../../components/disclosure'
import { AskNotice } from '../campaigns/components'
import { SaveStatusBadge } from './components/save-status'
import { Snackbar, useSnackbar } from './components/snackbar'
import { StepStack } from './components/step-card'
import { StepIndicator } from './components/step-indicator'
import { CarryBanner } from './components/carry-banner'
import { withUpdate, type FieldContext, type FieldValueUpdate } from './fields'
import { formatDeadline, formatInstant } from '../../../types/time'
import { DraftSync, type SaveStatus } from './hooks/draft-sync'
import { useDraftSync } from './hooks/use-draft-sync'
import { useSteps } from './hooks/use-steps'
import { chooseResume, openDemand, type OpenedDemand } from './load'
import { afterPaint, scrollToField, scrollToTop, WIZARD_GOTO_EVENT, type WizardGoto } from './navigation'
import './wizard.scss'

export interface WizardScreenProps {
  id: string | undefined
  /** Open at this step / scroll to this field (links from the review page). */
  step?: string
  field?: string
  /** Bumped by the page when it is shown again / hidden (Taro page lifecycle). */
  shownKey?: number
  hiddenKey?: number
}

export const DEADLINE_BANNER = '填报已截止，内容只能查看'

/** The demand wizard: one step at a time, every change kept on the phone and saved to the server. */
export function WizardScreen({ id, step, field, shownKey, hiddenKey }: WizardScreenProps) {
  const state = useAsync(() => loadById(id, '需求', openDemand), [id])
  return (
    <DemandPage state={state} rows={3} signedOut='登录后可继续填写需求'>
      {(opened) => <Wizard opened={opened} initialStep={step} focusField={field} shownKey={shownKey} hiddenKey={hiddenKey} />}
    </DemandPage>
  )
}

interface WizardProps {
  opened: OpenedDemand
  initialStep?: string
  focusField?: string
  shownKey?: number
  hiddenKey?: number
}

function Wizard({ opened, initialStep, focusField, shownKey, hiddenKey }: WizardProps) {
  const { def, demandId, unitType } = opened
  const [meta, setMeta] = useState<Demand | null>(opened.demand)
  const resume = useMemo(() => chooseResume(opened), [opened])
  const start = resume.kind === 'continue' ? resume : null
  const [answers, setAnswers] = useState<Answers>(() => (start ? start.answers : resume.kind === 'conflict' ? resume.local.answers : {}))
  const answersRef = useRef(answers)
  const [touched, setTouched] = useState<Set<string>>(() => new Set())
  const [blurred, setBlurred] = useState<Set<string>>(() => new Set())
  const [resolving, setResolving] = useState(false)
  const snackbar = useSnackbar()

  const sync = useMemo(() => {
    const local = resume.kind === 'conflict' ? resume.local : null
    return new DraftSync({
      demandId,
      campaignId: def.id,
      baseVersion: start ? start.baseVersion : local!.baseVersion,
      baseAnswers: start ? start.baseAnswers : local!.baseAnswers,
      answers: answersRef.current,
      currentStep: start ? start.step : local!.currentStep,
      dirty: start ? start.unsent : true,
      unitType: unitType ?? undefined,
      closedMessage: opened.demand?.readOnly ? DEADLINE_BANNER : undefined,
      // A stopping gate (涉密 “是”, a qualification “否”): nothing of it is sent.
      holdReason: (a) => (gateStop(def, a, unitType) ? '本需求不能在线填报，未发送任何内容' : null)
    })
    // One sync per opened demand.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened])
  const snap = useDraftSync(sync)
  const status = snap?.status ?? { kind: 'saved' as const }

  const onStepChange = useCallback(
    (s: StepDefinition) => {
      // Saved once the new step is on screen: the request must not delay its paint.
      afterPaint(() => void sync.setStep(s.id))
    },
    [sync]
  )
  const firstStep = initialStep ?? (start ? start.step : resume.kind === 'conflict' ? resume.local.currentStep : def.steps[0].id)
  const machine = useSteps(def, answers, unitType, firstStep, onStepChange)

  const readOnly = Boolean(meta?.readOnly) || status.kind === 'closed'
  const ctx = useMemo<FieldContext>(
    () => ({ def, demandId, readOnly, notify: snackbar.notify, applicant: { unitType, creditCode: opened.creditCode } }),
    [def, demandId, readOnly, snackbar.notify, unitType, opened.creditCode]
  )

  // Unsent edits from last time: send them now (a conflict shows up here too).
  useEffect(() => {
    if (sync.getSnapshot().dirty && !readOnly) void sync.flush()
    if (focusField) scrollToField(focusField)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sync])

  const change = useCallback(
    (fieldId: string, update: FieldValueUpdate) => {
      const next = withUpdate(answersRef.current, fieldId, update)
      answersRef.current = next
      setAnswers(next)
      setTouched((t) => (t.has(fieldId) ? t : new Set(t).add(fieldId)))
      sync.edit(next)
    },
    [sync]
  )
  const blur = useCallback((fieldId: string) => setBlurred((b) => (b.has(fieldId) ? b : new Set(b).add(fieldId))), [])

  // Page lifecycle: hidden → save now; shown again → retry (e.g. after signing in) and refresh the status.
  const firstShow = useRef(true)
  useEffect(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    sync.retryNow()
    getDemand(demandId)
      .then((server) => {
        setMeta(server)
        // Saved elsewhere meanwhile (another page or device) and nothing unsent here: take it over.
        if (sync.takeOver(server)) {
          answersRef.current = server.answers
          setAnswers(server.answers)
        }
      })
      .catch(() => undefined)
  }, [shownKey, sync, demandId])
  useEffect(() => {
    if (hiddenKey) void sync.flush()
  }, [hiddenKey, sync])

  // 修改 links from the review page come back here.
  const { steps, goTo } = machine
  useEffect(() => {
    const handler = (target: WizardGoto) => {
      if (target.id !== demandId) return
      const i = steps.findIndex((s) => s.id === target.step)
      if (i >= 0) goTo(i)
      if (target.field) scrollToField(target.field)
    }
    Taro.eventCenter.on(WIZARD_GOTO_EVENT, handler)
    return () => void Taro.eventCenter.off(WIZARD_GOTO_EVENT, handler)
  }, [demandId, steps, goTo])

  const resolveConflict = async (merged: Answers) => {
    if (status.kind !== 'conflict') return
    setResolving(true)
    answersRef.current = merged
    setAnswers(merged)
    await sync.resolveConflict(merged, status.server)
    setResolving(false)
  }

  const { step, index, completeness: comp, stop } = machine
  // The new step starts at the top: scrolled after the DOM changed and before it is painted
  // (scrolling earlier would force a layout of the old step for nothing).
  const firstStepShown = useRef(true)
  useLayoutEffect(() => {
    if (firstStepShown.current) {
      firstStepShown.current = false
      return
    }
    scrollToTop()
  }, [step.id])
  const [nextError, setNextError] = useState<string>()
  useEffect(() => setNextError(undefined), [step.id])

  const next = async () => {
    if (readOnly) {
      if (index < steps.length - 1) goTo(index + 1)
      else void openPage(ROUTES.review(demandId))
      return
    }
    if (stop) return
    const problems = machine.attempt()
    if (problems.length) {
      const fieldsWithProblems = [...new Set(problems.map((p) => p.field))]
      // Figures below a rule's threshold are not something to complete: the unit does not qualify.
      const failedRules = problems.filter((p) => p.code === 'INELIGIBLE').length
      setNextError(
        failedRules
          ? `不符合申报条件（${failedRules} 项），不能继续填报，已在对应位置标出`
          : `本步还有 ${fieldsWithProblems.length} 项需要完善，已在对应位置标出`
      )
      scrollToField(fieldsWithProblems[0])
      return
    }
    setNextError(undefined)
    if (index < steps.length - 1) goTo(index + 1)
    else {
      // With this step as the current one: its own save after paint may not have run yet, and
      // must not land after the review page has loaded (its submission would then be stale).
      await Promise.race([sync.setStep(step.id), new Promise((r) => setTimeout(r, 3000))])
      void openPage(ROUTES.review(demandId))
    }
  }

  const back = () => index > 0 && goTo(index - 1)
  // Stable handlers for the action bar, so that it is not re-rendered on every step change.
  const nextRef = useRef(next)
  nextRef.current = next
  const backRef = useRef(back)
  backRef.current = back
  const onNext = useCallback(() => void nextRef.current(), [])
  const onBack = useCallback(() => void backRef.current(), [])

  const mounted = usePreloadedSteps(steps, index)
  const leave = useCallback(() => void openPage(ROUTES.campaign(def.id)), [def.id])
  const title = demandTitle(def, answers) || '未命名需求'
  const ruleFields = new Set(def.eligibility.map((r) => r.field))
  const stepHasRules = step.fields.some((f) => ruleFields.has(f.id))
  const localDiffersAfterClose = readOnly && snap?.dirty
  const locked = status.kind === 'closed' && status.code === 'DEMAND_LOCKED'
  const isLast = index === steps.length - 1

  return (
    <View className='wz'>
      <View className='page-head'>
        <Text className='ui-meta ui-mb-xs'>{def.title}</Text>
        <Text className='ui-h2 ui-break' selectable userSelect>
          {title}
        </Text>
        {meta ? (
          <Text className='ui-meta ui-mt-xs'>
            {DEMAND_STATUS_LABELS[meta.status]}
            {meta.submittedVersion ? ` · 已提交第${meta.submittedVersion}版` : ''}
          </Text>
        ) : null}
      </View>

      <Disclosure title='问通知' extra='截止时间、能报几项、找谁咨询'>
        <AskNotice campaignId={def.id} bare />
      </Disclosure>

      {readOnly ? (
        <View className='wz-banner ui-tint-muted ui-edge-muted' role='alert' data-testid='readonly-banner'>
          <Text className='wz-banner__title'>{locked ? '需求已进入推荐环节，内容只能查看' : DEADLINE_BANNER}</Text>
          {!locked && meta ? <Text className='ui-para-sm'>填报截止时间：{formatDeadline(meta.enterpriseDeadlineAt)}</Text> : null}
          <Text className='ui-para-sm'>
            {localDiffersAfterClose ? '以下显示的是本机未能保存到服务器的内容，可长按选择并复制留存。' : '文字可长按选择并复制。'}
          </Text>
        </View>
      ) : null}

      {status.kind === 'signed-out' ? (
        <View className='wz-banner ui-tint-warn ui-edge-warn' role='alert' data-testid='signed-out-banner'>
          <Text className='wz-banner__title ui-warn'>登录已过期</Text>
          <Text className='ui-para-sm'>填写的内容已暂存在本机，重新登录后会自动保存。</Text>
          <Button size='small' type='primary' onClick={() => void goToLogin(ROUTES.wizard(demandId, step.id))}>
            重新登录
          </Button>
        </View>
      ) : null}

      {status.kind === 'failed' ? (
        <View className='wz-banner ui-tint-warn ui-edge-warn' role='alert'>
          <Text className='ui-para-sm'>未能保存到服务器：{status.message}。内容已暂存在本机，修改后会再次保存。</Text>
        </View>
      ) : null}

      {meta?.submittedVersion && !readOnly ? (
        <View className='wz-banner ui-tint-primary' data-testid='submitted-banner'>
          <Text className='ui-para-sm'>
            已于 {formatInstant(meta.submittedAt)} 提交第 {meta.submittedVersion} 版。截止前可以修改，修改后需重新提交才生效。
          </Text>
          <View className='ui-flex ui-gap-3xl'>
            <View className='wz-link' role='link' onClick={() => void openPage(ROUTES.versions(demandId))}>
              版本记录 ›
            </View>
            <View className='wz-link' role='link' onClick={() => void openPage(ROUTES.review(demandId))}>
              检查并重新提交 ›
            </View>
          </View>
        </View>
      ) : null}

      {!readOnly ? <CarryBanner demandId={demandId} def={def} answers={answers} unitType={unitType} /> : null}

      {!readOnly ? (
        <View className={index === 0 ? undefined : 'wz-hidden'}>
          <WizardOverview steps={steps} />
        </View>
      ) : null}

      <StepIndicator steps={steps} current={index} completeness={comp} canJump={readOnly ? anyStep : machine.canJump} onJump={goTo} />

      {!readOnly && unitType !== undefined && (stepHasRules || index === 0) ? (
        <EligibilityPanel def={def} answers={answers} unitType={unitType} compact={!stepHasRules} />
      ) : null}

      <StepStack machine={machine} mounted={mounted} def={def} answers={answers} unitType={unitType} touched={touched} blurred={blurred} readOnly={readOnly} ctx={ctx} onChange={change} onBlur={blur} onLeave={leave} />

      <View className='ui-bar-room' />
      <ActionBar
        status={status}
        error={nextError}
        canGoBack={index > 0}
        nextLabel={isLast ? (readOnly ? '查看提交内容' : '检查并提交') : '下一步'}
        nextDisabled={!readOnly && Boolean(stop)}
        onBack={onBack}
        onNext={onNext}
      />

      {status.kind === 'conflict' ? (
        <ConflictSheet def={def} local={answers} base={sync.base} server={status.server} busy={resolving} onResolve={(m) => void resolveConflict(m)} />
      ) : null}
      <Snackbar message={snackbar.message} onDone={snackbar.clear} />
    </View>
  )
}

interface ActionBarProps {
  status: SaveStatus
  error?: string
  canGoBack: boolean
  nextLabel: string
  nextDisabled: boolean
  onBack: () => void
  onNext: () => void
}

/** The foot of the wizard: where the draft stands (已保存 / 保存中… / 离线…), 上一步 and 下一步. */
const ActionBar = memo(function ActionBar({ status, error, canGoBack, nextLabel, nextDisabled, onBack, onNext }: ActionBarProps) {
  return (
    <View className='wz-actionbar'>
      <View className='wz-actionbar__status'>
        <SaveStatusBadge status={status} />
        {error ? (
          <View className='wz-actionbar__error ui-error' role='alert' data-testid='next-error'>
            {error}
          </View>
        ) : null}
      </View>
      <View className='ui-flex ui-gap-md'>
        {canGoBack ? (
          <Button className='wz-actionbar__back' fill='outline' onClick={onBack}>
            上一步
          </Button>
        ) : null}
        <Button className='wz-actionbar__next' type='primary' disabled={nextDisabled} onClick={onNext}>
          {nextLabel}
        </Button>
      </View>
    </View>
  )
})

/** After the deadline every step can be opened to read. */
const anyStep = () => true

/**
 * Steps kept mounted (hidden) besides the current one: each visited step, and — while the page
 * is idle — the steps either side of it. Moving to a mounted step only changes which one is
 * shown, so 下一步 and 上一步 paint at once; the steps further on are mounted as the person
 * nears them, not all at the start, when each would be one more long task on a slow phone.
 */
function usePreloadedSteps(steps: StepDefinition[], index: number): Set<string> {
  const [mounted, setMounted] = useState<Set<string>>(() => new Set())
  const currentId = steps[index]?.id
  useEffect(() => {
    if (currentId && !mounted.has(currentId)) setMounted((m) => new Set(m).add(currentId))
  }, [currentId, mounted])
  useEffect(() => {
    const neighbour = [steps[index + 1], steps[index - 1]].find((s) => s && !mounted.has(s.id))
    if (!neighbour) return
    // A transition: React renders the hidden step in slices of a few milliseconds, so a tap
    // that comes meanwhile is not kept waiting behind a whole step's render.
    return whenIdle(() => startTransition(() => setMounted((m) => new Set(m).add(neighbour.id))))
  }, [steps, index, mounted])
  return mounted
}
