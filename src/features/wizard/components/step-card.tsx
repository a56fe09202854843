import { Button } from '../../../components/button'
import { Text, View } from '@tarojs/components'
import { memo, useMemo } from 'react'
import type { CampaignDefinition, StepDefinition, UnitTypeId } from '../../../../types/campaign'
import { recommenderChoices, validateStep, visibleFields, type Answers, type FieldIssue } from '../../../../types/engine'
import { Field, type FieldContext, type FieldValueUpdate } from '../fields'
import type { StepMachine } from '../hooks/use-steps'
import { FieldHintsContext, useFieldHints } from './quality-live'

/** Which problems to show now: everything once “下一步” was tried, else only what typing revealed. */
export function shownIssues(issues: FieldIssue[], attempted: boolean, touched: boolean, blurred: boolean): FieldIssue[] {
  if (attempted) return issues
  return issues.filter((i) => {
    switch (i.code) {
      case 'REQUIRED':
        return false
      case 'TOO_SHORT':
      case 'TOO_FEW':
        return blurred
      default:
        return touched
    }
  })
}

export interface StepCardProps {
  def: CampaignDefinition
  step: StepDefinition
  /** 1-based position among the visible steps. */
  number: number
  /** The step on screen; the others are kept mounted, hidden, so that moving to them is instant. */
  current: boolean
  answers: Answers
  unitType: UnitTypeId | '' | undefined
  visibleIds: Set<string>
  attempted: boolean
  touched: Set<string>
  blurred: Set<string>
  stop: { field: string; message: string } | null
  readOnly: boolean
  ctx: FieldContext
  onChange: (fieldId: string, update: FieldValueUpdate) => void
  onBlur: (fieldId: string) => void
  onLeave: () => void
}

const EMPTY: FieldIssue[] = []

/** One step and its visible fields, with the problems the engine finds in them. */
export const StepCard = memo(function StepCard({
  def,
  step,
  number,
  current,
  answers,
  unitType,
  visibleIds,
  attempted,
  touched,
  blurred,
  stop,
  readOnly,
  ctx,
  onChange,
  onBlur,
  onLeave
}: StepCardProps) {
  const byField = useMemo(() => {
    const map = new Map<string, FieldIssue[]>()
    for (const i of validateStep(def, step.id, answers, unitType)) {
      const list = map.get(i.field)
      if (list) list.push(i)
      else map.set(i.field, [i])
    }
    return map
  }, [def, step.id, answers, unitType])
  const gate = stop && !readOnly ? step.fields.find((f) => f.id === stop.field) : undefined
  // The answer that lets the demand go on is the gate's other one: “否” after a 涉密 “是”, “是” after a qualification “否”.
  const goOn = gate?.kind === 'gate' && gate.stopWhen ? '否' : '是'
  return (
    <View
      className={`wz-step-card card${current ? '' : ' is-preloaded'}`}
      data-testid={current ? 'step' : 'step-preloaded'}
      data-step={step.id}
      aria-hidden={current ? undefined : true}
    >
      <Text className='ui-h2'>
        {number}. {step.title}
      </Text>
      {step.description ? <Text className='ui-note ui-mt-xs ui-mb-xs'>{step.description}</Text> : null}
      {step.fields.map((f) => {
        if (!visibleIds.has(f.id)) return null
        const all = byField.get(f.id) ?? EMPTY
        return (
          <Field
            key={f.id}
            field={f}
            value={answers[f.id]}
            issues={shownIssues(all, attempted, touched.has(f.id), blurred.has(f.id) || attempted)}
            allIssues={all}
            attempted={attempted}
            onChange={onChange}
            onBlur={onBlur}
            ctx={ctx}
            choices={f.kind === 'recommender' ? recommenderChoices(def, f, answers, ctx.applicant) : undefined}
          />
        )
      })}
      {stop && gate ? (
        <View className='wz-stop ui-tint-danger' role='alert' data-testid='gate-stop'>
          <Text className='wz-stop__title'>本需求不能在线填报</Text>
          <Text className='ui-para'>{stop.message}</Text>
          <Text className='ui-meta'>所填内容未发送到服务器。如选择有误，请改选“{goOn}”后继续。</Text>
          <Button size='small' fill='outline' type='primary' onClick={onLeave}>
            返回征集活动
          </Button>
        </View>
      ) : null}
    </View>
  )
})

export interface StepStackProps extends Omit<StepCardProps, 'step' | 'number' | 'current' | 'visibleIds' | 'attempted' | 'stop'> {
  /** The visible steps, the one on screen, those tried to leave and a gate's stop. */
  machine: Pick<StepMachine, 'steps' | 'index' | 'attempted' | 'stop'>
  /** Ids of the steps kept mounted (hidden) besides the current one; none when absent. */
  mounted?: ReadonlySet<string>
}

/** The wizard's step cards: the current step, and the steps kept mounted beside it; the quality hints under their fields. */
export function StepStack({ machine: { steps, index, attempted, stop }, mounted, ...card }: StepStackProps) {
  const { def, answers, unitType } = card
  const visibleIds = useMemo(() => new Set(visibleFields(def, answers, unitType).map((f) => f.id)), [def, answers, unitType])
  const hints = useFieldHints(def, answers, unitType, card.readOnly)
  return (
    <FieldHintsContext.Provider value={hints}>
      <View className='wz-step-stack'>
        {steps.map((s, i) =>
          i === index || mounted?.has(s.id) ? (
            <StepCard key={s.id} {...card} step={s} number={i + 1} current={i === index} visibleIds={visibleIds} attempted={attempted.has(s.id)} stop={stop} />
          ) : null
        )}
      </View>
    </FieldHintsContext.Provider>
  )
}
