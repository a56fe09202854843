/**
 * The wizard as an enterprise sees it, for the bureau's campaign studio: the same overview,
 * step rail, eligibility panel, step cards and field components, on answers kept here only.
 * Nothing is saved, uploaded or submitted; no demand API is called.
 */
import { Button } from '../../../components/button'
import { Text, View } from '@tarojs/components'
import { useCallback, useMemo, useRef, useState } from 'react'
import type { CampaignDefinition } from '../../../../types/campaign'
import type { UnitTypeId } from '../../../../types/campaign'
import { demandTitle, type Answers } from '../../../../types/engine'
import { EligibilityPanel, WizardOverview } from '../components/overview'
import { Snackbar, useSnackbar } from '../components/snackbar'
import { StepStack } from '../components/step-card'
import { StepIndicator } from '../components/step-indicator'
import { withUpdate, type FieldContext, type FieldValueUpdate } from '../fields'
import { useSteps } from '../hooks/use-steps'
import '../wizard.scss'

export interface WizardPreviewProps {
  def: CampaignDefinition
  /** The enterprise's unit type the eligibility rules are checked against. */
  unitType: UnitTypeId | ''
}

const noop = () => undefined

export function WizardPreview({ def, unitType }: WizardPreviewProps) {
  const [answers, setAnswers] = useState<Answers>({})
  const answersRef = useRef(answers)
  const [touched, setTouched] = useState<Set<string>>(() => new Set())
  const [blurred, setBlurred] = useState<Set<string>>(() => new Set())
  const [message, setMessage] = useState<string>()
  const snackbar = useSnackbar()
  const machine = useSteps(def, answers, unitType, def.steps[0]?.id ?? '', noop)
  const ctx = useMemo<FieldContext>(() => ({ def, demandId: '', readOnly: false, notify: snackbar.notify, preview: true }), [def, snackbar.notify])

  const change = useCallback((fieldId: string, update: FieldValueUpdate) => {
    const next = withUpdate(answersRef.current, fieldId, update)
    answersRef.current = next
    setAnswers(next)
    setTouched((t) => (t.has(fieldId) ? t : new Set(t).add(fieldId)))
  }, [])
  const blur = useCallback((fieldId: string) => setBlurred((b) => (b.has(fieldId) ? b : new Set(b).add(fieldId))), [])

  const { steps, index, step, stop, goTo } = machine
  if (!step) {
    return (
      <View className='wz-page wz-preview'>
        <Text className='ui-note ui-mt-2xs ui-mb-sm'>没有可显示的步骤。</Text>
      </View>
    )
  }
  const isLast = index === steps.length - 1
  const ruleFields = new Set(def.eligibility.map((r) => r.field))
  const stepHasRules = step.fields.some((f) => ruleFields.has(f.id))

  const next = () => {
    if (stop) return
    const problems = machine.attempt()
    if (problems.length) {
      const failedRules = problems.filter((p) => p.code === 'INELIGIBLE').length
      const fields = new Set(problems.map((p) => p.field)).size
      setMessage(failedRules ? `不符合申报条件（${failedRules} 项），不能继续填报，已在对应位置标出` : `本步还有 ${fields} 项需要完善，已在对应位置标出`)
      return
    }
    if (isLast) {
      setMessage('预览到此为止：企业在这里进入“检查并提交”页面。')
      return
    }
    setMessage(undefined)
    goTo(index + 1)
  }
  const back = () => {
    setMessage(undefined)
    if (index > 0) goTo(index - 1)
  }

  return (
    <View className='wz-page wz-preview' data-testid='wizard-preview'>
      <View className='wz'>
        <View className='page-head'>
          <Text className='ui-meta ui-mb-xs'>{def.title}</Text>
          <Text className='ui-h2 ui-break'>{demandTitle(def, answers) || '未命名需求'}</Text>
          <Text className='ui-meta ui-mt-xs'>预览 · 填写内容不会保存或提交</Text>
        </View>
        {index === 0 ? <WizardOverview steps={steps} /> : null}
        <StepIndicator steps={steps} current={index} completeness={machine.completeness} canJump={machine.canJump} onJump={goTo} followCurrent={false} />
        {stepHasRules || index === 0 ? <EligibilityPanel def={def} answers={answers} unitType={unitType} compact={!stepHasRules} /> : null}
        <StepStack machine={machine} def={def} answers={answers} unitType={unitType} touched={touched} blurred={blurred} readOnly={false} ctx={ctx} onChange={change} onBlur={blur} onLeave={noop} />
        <View className='wz-preview__bar'>
          {message ? (
            <View className='wz-actionbar__error ui-error' role='alert'>
              {message}
            </View>
          ) : null}
          <View className='ui-flex ui-gap-md'>
            {index > 0 ? (
              <Button className='wz-actionbar__back' fill='outline' onClick={back}>
                上一步
              </Button>
            ) : null}
            <Button className='wz-actionbar__next' type='primary' disabled={Boolean(stop)} onClick={next}>
              {isLast ? '检查并提交' : '下一步'}
            </Button>
          </View>
        </View>
        <Snackbar message={snackbar.message} onDone={snackbar.clear} />
      </View>
    </View>
  )
}
