import { Text, View } from '@tarojs/components'
import { memo, useState } from 'react'
import type { CampaignDefinition, StepDefinition } from '../../../../types/campaign'
import type { UnitTypeId } from '../../../../types/campaign'
import { unitTypeLabel } from '../../../../types/labels'
import { checkEligibility, UNIT_TYPE_RULE_ID, type Answers } from '../../../../types/engine'
import { estimateMinutes } from '../format'

/** How many steps, what each asks and roughly how long: shown before anything is typed. */
export const WizardOverview = memo(function WizardOverview({ steps }: { steps: StepDefinition[] }) {
  const [open, setOpen] = useState(false)
  const minutes = steps.reduce((n, s) => n + estimateMinutes(s.fields), 0)
  return (
    <View className='wz-overview card'>
      <View className='wz-overview__head ui-row ui-between' role='button' aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <Text className='wz-overview__title ui-h4'>
          共 {steps.length} 步，约需 {minutes} 分钟
        </Text>
        <Text className='wz-link'>{open ? '收起' : '各步内容'}</Text>
      </View>
      {!open ? <Text className='ui-note ui-mt-2xs'>可分多次填写，每次修改都会自动保存。</Text> : null}
      {open ? (
        <View className='ui-mt-md' role='list'>
          <Text className='ui-note ui-mt-2xs ui-mb-sm'>可分多次填写：每次修改都会先存在本机，并自动保存到服务器。</Text>
          {steps.map((s, i) => (
            <View key={s.id} className='wz-overview__item' role='listitem'>
              <Text className='wz-overview__num'>{i + 1}</Text>
              <View className='ui-grow'>
                <Text className='ui-strong'>
                  {s.title}
                  <Text className='wz-overview__minutes'> · 约 {estimateMinutes(s.fields)} 分钟</Text>
                </Text>
                <Text className='ui-help'>{s.description ?? s.fields.map((f) => f.label).join('、')}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
})

/** A rule's mark (`ui-tone-*`) and the colour of its 符合 / 不符合 line, by its state. */
const RULE_TONES = { ok: 'positive', fail: 'danger', todo: 'muted' } as const
const RULE_TEXT = { ok: ' ui-success', fail: ' ui-danger', todo: '' } as const

/**
 * Who may file, explained before filling: the campaign's rules that apply to this unit type,
 * each marked 符合 / 不符合 (with why) / 待填写, by the engine's `checkEligibility`.
 */
export const EligibilityPanel = memo(function EligibilityPanel({
  def,
  answers,
  unitType,
  compact
}: {
  def: CampaignDefinition
  answers: Answers
  unitType: UnitTypeId | ''
  compact?: boolean
}) {
  const rules = def.eligibility.filter((r) => !r.appliesTo || (unitType !== '' && r.appliesTo.includes(unitType)))
  const failures = checkEligibility(def, answers, unitType)
  const unitIssue = failures.find((f) => f.ruleId === UNIT_TYPE_RULE_ID)
  if (!rules.length && !unitIssue) return null
  const fields = new Map(def.steps.flatMap((s) => s.fields).map((f) => [f.id, f]))
  const anyFailed = failures.length > 0
  return (
    <View className={`wz-eligibility card${anyFailed ? ' is-failed' : ''}`} role={anyFailed ? 'alert' : undefined} data-testid='eligibility'>
      <Text className={`ui-h4 ui-mb-xs${anyFailed ? ' ui-danger' : ''}`}>{anyFailed ? '不符合申报条件' : '申报条件'}</Text>
      {unitIssue ? <Text className='ui-text ui-danger ui-mb-xs'>{unitIssue.message}</Text> : null}
      {!compact && unitType ? (
        <Text className='ui-note ui-mt-2xs ui-mb-sm'>按本单位类型“{unitTypeLabel(def, unitType)}”，须同时满足以下条件，填写后立即核对：</Text>
      ) : null}
      {rules.map((r) => {
        const failure = failures.find((f) => f.ruleId === r.id)
        const answered = typeof answers[r.field] === 'number'
        const state = failure ? 'fail' : answered ? 'ok' : 'todo'
        return (
          <View key={r.id} className={`wz-rule wz-rule--${state}`} data-rule={r.id}>
            <Text className={`wz-rule__mark ui-tone-${RULE_TONES[state]}`} aria-hidden='true'>
              {state === 'fail' ? '✕' : state === 'ok' ? '✓' : '○'}
            </Text>
            <View className='ui-grow'>
              <Text className={`ui-para-sm${failure ? ' ui-danger' : ''}`}>{failure ? failure.message : r.message}</Text>
              <Text className={`ui-meta${RULE_TEXT[state]}`}>
                {state === 'fail' ? '不符合' : state === 'ok' ? '符合' : `待填写：${fields.get(r.field)?.label ?? r.field}`}
              </Text>
            </View>
          </View>
        )
      })}
    </View>
  )
})
