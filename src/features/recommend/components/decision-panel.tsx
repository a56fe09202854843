import { Button } from '../../../components/button'
import { confirmed } from '../../../components/confirm'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { CampaignDefinition } from '../../../../types/campaign'
import type { QuotaMeter as Meter, RecommendInput, ReviewDemand } from '../../../../types/recommend'
import { asksRecommender } from '../../../../types/recommender-fields'
import type { QualityHint } from '../../../../types/quality'
import type { StatusAction } from '../../../../types/status'
import { QualityHints } from '../../../components/quality-hints'
import { toApiError } from '../../../services/http'
import { notRecommendDemand, recommendDemand, recordOutcome, returnDemand } from '../api'
import { Notice } from './notice'
import { QuotaMeter } from './quota-meter'
import { RecommendForm } from './recommend-form'

/** The server's limit for a reason (server/recommend.ts REASON_MAX). */
export const REASON_MAX = 1000

type FormAction = 'return' | 'not_recommend' | 'select' | 'not_select'

const FORMS: Record<FormAction, { title: string; label: string; placeholder: string; required: boolean; submit: string; confirm: (title: string) => string }> = {
  return: {
    title: '退回修改',
    label: '退回原因',
    placeholder: '请写明需要企业补充或修改的内容，将发送给企业并显示在需求的沟通记录中',
    required: true,
    submit: '确认退回',
    confirm: (t) => `将“${t}”退回企业修改？企业会收到退回原因，修改后可重新提交。`
  },
  not_recommend: {
    title: '不予推荐',
    label: '不予推荐的原因',
    placeholder: '请写明不予推荐的原因，将发送给企业',
    required: true,
    submit: '确认不予推荐',
    confirm: (t) => `确定不推荐“${t}”？企业会收到原因；截止前仍可改为推荐。`
  },
  select: {
    title: '确定入选',
    label: '说明（选填）',
    placeholder: '可填写给企业的说明',
    required: false,
    submit: '确认入选',
    confirm: (t) => `确定“${t}”入选？企业会收到通知。`
  },
  not_select: {
    title: '确定未入选',
    label: '说明（选填）',
    placeholder: '可填写给企业的说明',
    required: false,
    submit: '确认未入选',
    confirm: (t) => `确定“${t}”未入选？企业会收到通知。`
  }
}

export interface DecisionPanelProps {
  demand: ReviewDemand
  /** The unit's quota meter (recommenders), as the server last said. */
  quota?: Meter | null
  /** After an action was taken, with the demand as the server now has it. */
  onDone: (demand: ReviewDemand, action: StatusAction) => void
  /** After a refusal: the screen loads everything again, so it shows the truth. */
  onRefused: () => void
  /** Opens the ranking (shown once the demand is recommended). */
  onOpenRanking?: () => void
  /** The bureau decides the outcome; a unit reviews. */
  bureau?: boolean
  /** The campaign: what the unit gives when it recommends (recommenders.fields, sign-offs, the mark). */
  def?: CampaignDefinition
  /** The quality assistant's hints on the submitted version: each can be quoted into a return reason. */
  hints?: QualityHint[]
}

/**
 * What the unit (or the bureau) can do with the demand now, as the server's status machine
 * says (`demand.next`): 退回修改 / 推荐 / 不予推荐, or 入选 / 未入选. Each asks for
 * confirmation; reasons are required where the server requires them. A refusal shows the
 * server's message as it is.
 */
export function DecisionPanel({ demand, quota, onDone, onRefused, onOpenRanking, bureau, def, hints }: DecisionPanelProps) {
  const [form, setForm] = useState<FormAction | null>(null)
  /** The recommend form is open (campaigns that ask the unit something when it recommends). */
  const [recommending, setRecommending] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>()
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState<StatusAction | null>(null)

  // Another demand (or a new state of this one): start clean.
  useEffect(() => {
    setForm(null)
    setRecommending(false)
    setFieldErrors(undefined)
    setReason('')
    setReasonError(undefined)
  }, [demand.id, demand.status])
  useEffect(() => setError(undefined), [demand.id])

  const can = new Set(demand.next.actions.map((a) => a.action))
  const title = demand.title || '未命名需求'

  const run = async (action: StatusAction, call: () => Promise<ReviewDemand>, done: string) => {
    setBusy(action)
    setError(undefined)
    try {
      const updated = await call()
      setForm(null)
      setRecommending(false)
      setFieldErrors(undefined)
      setReason('')
      Taro.showToast({ title: done, icon: 'success', duration: 1500 })
      onDone(updated, action)
    } catch (e) {
      const err = toApiError(e)
      setError(err.message)
      // The server's problems by field, beside the fields (the form stays open).
      if (err.fields?.length) setFieldErrors(Object.fromEntries([...err.fields].reverse().map((f) => [f.field, f.message])))
      onRefused()
    } finally {
      setBusy(null)
    }
  }

  const recommend = async (input?: RecommendInput) => {
    if (!input && def && asksRecommender(def)) {
      setForm(null)
      setError(undefined)
      setFieldErrors(undefined)
      setRecommending(true)
      return
    }
    const where = quota && quota.quota !== null ? `推荐后列入本单位推荐名单第${quota.used + 1}位，占用1个名额（当前已推荐${quota.used}项，名额${quota.quota}项）。` : '推荐后列入本单位推荐名单末位，可在“推荐排序”中调整。'
    const key = input?.keyRecommended && def?.recommenders.keyMark ? `并标记为“${def.recommenders.keyMark.label}”` : ''
    if (!(await confirmed('确认推荐', `推荐“${title}”${key}？${where}`, '推荐'))) return
    await run('recommend', () => recommendDemand(demand.id, input), '已推荐')
  }

  const open = (action: FormAction) => {
    setRecommending(false)
    setForm(action)
    setReason('')
    setReasonError(undefined)
    setError(undefined)
  }

  const submitForm = async () => {
    if (!form) return
    const spec = FORMS[form]
    const text = reason.trim()
    if (spec.required && !text) {
      setReasonError(`请填写${spec.label}`)
      return
    }
    if ([...text].length > REASON_MAX) {
      setReasonError(`${spec.label}不能超过${REASON_MAX}字`)
      return
    }
    if (!(await confirmed(spec.title, spec.confirm(title), spec.submit.replace(/^确认/, '')))) return
    if (form === 'return') await run('return', () => returnDemand(demand.id, text), '已退回')
    else if (form === 'not_recommend') await run('not_recommend', () => notRecommendDemand(demand.id, text), '已设为不推荐')
    else await run(form, () => recordOutcome(demand.id, form === 'select', text), form === 'select' ? '已确定入选' : '已确定未入选')
  }

  const buttons: Array<{ action: FormAction | 'recommend'; label: string; primary?: boolean }> = []
  if (can.has('recommend')) buttons.push({ action: 'recommend', label: '推荐', primary: true })
  if (can.has('not_recommend')) buttons.push({ action: 'not_recommend', label: '不推荐' })
  if (can.has('return')) buttons.push({ action: 'return', label: '退回修改' })
  if (can.has('select')) buttons.push({ action: 'select', label: '入选', primary: true })
  if (can.has('not_select')) buttons.push({ action: 'not_select', label: '未入选' })

  /** 引用: a hint, with its field, appended to the reason on a line of its own (once). */
  const quote = (hint: QualityHint, label: string) => {
    const line = `${label}：${hint.message}`
    setReason((r) => (r.includes(line) ? r : r.trim() ? `${r.trimEnd()}\n${line}` : line))
    setReasonError(undefined)
  }

  const spec = form ? FORMS[form] : null
  // Why it stands where it stands: the reason given with the change that brought it here.
  const last = [...demand.timeline].reverse().find((e) => e.to === demand.status && e.from !== e.to)
  const why = last?.reason && (demand.status === 'returned' || demand.status === 'not_recommended') ? last.reason : null
  const length = [...reason].length

  return (
    <View className='card rc-decision' data-testid='decision'>
      <Text className='rc-section__title ui-h3 ui-mb-xs'>{bureau ? '遴选结果' : '审核'}</Text>
      {quota ? <QuotaMeter meter={quota} compact /> : null}
      <Notice kind='info' testId='next-message'>
        {demand.next.message}
      </Notice>
      {why ? (
        <View className='rc-decision__why' data-testid='last-reason'>
          <Text className='ui-meta'>{demand.status === 'returned' ? '退回原因' : '不予推荐的原因'}</Text>
          <Text className='rc-decision__why-text ui-quote ui-pre' userSelect>
            {why}
          </Text>
        </View>
      ) : null}
      {error ? (
        <Notice kind='error' testId='action-error'>
          {error}
        </Notice>
      ) : null}

      {recommending && def ? (
        <RecommendForm
          def={def}
          demandId={demand.id}
          initial={demand.recommendation?.answers}
          keyMarks={quota?.keyMarks}
          busy={!!busy}
          serverErrors={fieldErrors}
          onCancel={() => setRecommending(false)}
          onSubmit={(input) => void recommend(input)}
        />
      ) : spec ? (
        <View className='rc-reason ui-mt-md ui-pt-md ui-line-top' data-testid={`form-${form}`}>
          <Text className='ui-h4 ui-mb-xs'>{spec.title}</Text>
          <Text className='ui-para-sm ui-mb-xs' id={`rc-reason-${form}`}>
            {spec.label}
            {spec.required ? <Text className='ui-danger'> *</Text> : null}
          </Text>
          <View className={`rc-reason__box${reasonError ? ' has-error' : ''}`}>
            <Textarea
              className='rc-reason__input'
              value={reason}
              placeholder={spec.placeholder}
              maxlength={REASON_MAX + 200}
              aria-label={spec.label}
              onInput={(e) => {
                setReason(e.detail.value)
                setReasonError(undefined)
              }}
            />
          </View>
          {form === 'return' && def && hints?.length ? (
            <View className='ui-col ui-gap-sm ui-mt-md ui-mb-md' data-testid='reason-hints'>
              <Text className='ui-help'>需求质量提示，点“引用”加入退回原因：</Text>
              <QualityHints hints={hints} def={def} action={{ label: '引用', describe: (_, label) => `引用“${label}”的提示`, run: quote }} />
            </View>
          ) : null}
          <View className='rc-reason__foot'>
            {reasonError ? (
              <View className='ui-error' role='alert' data-testid='reason-error'>
                {reasonError}
              </View>
            ) : (
              <Text />
            )}
            <Text className={length > REASON_MAX ? 'ui-danger' : 'ui-muted'}>
              {length}/{REASON_MAX}
            </Text>
          </View>
          <View className='rc-actions ui-flex ui-wrap ui-gap-md ui-mt-md'>
            <Button className='rc-actions__button' fill='outline' disabled={!!busy} onClick={() => setForm(null)}>
              取消
            </Button>
            <Button
              className='rc-actions__button'
              type='primary'
              loading={!!busy}
              disabled={!!busy}
              data-testid='form-submit'
              onClick={() => void submitForm()}
            >
              {spec.submit}
            </Button>
          </View>
        </View>
      ) : buttons.length > 0 ? (
        <View className='rc-actions ui-flex ui-wrap ui-gap-md ui-mt-md'>
          {buttons.map((b) => (
            <Button
              key={b.action}
              className={`rc-actions__button rc-actions__button--${b.action}`}
              type={b.primary ? 'primary' : 'default'}
              fill={b.primary ? 'solid' : 'outline'}
              loading={busy === b.action}
              disabled={!!busy}
              data-action={b.action}
              onClick={() => void (b.action === 'recommend' ? recommend() : open(b.action))}
            >
              {b.label}
            </Button>
          ))}
        </View>
      ) : null}

      {can.has('rerank') && onOpenRanking ? (
        <View className='ui-link-lg ui-mt-lg' role='link' onClick={onOpenRanking}>
          调整推荐排序 ›
        </View>
      ) : null}
    </View>
  )
}
