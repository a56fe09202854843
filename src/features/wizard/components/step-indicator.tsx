import { ScrollView, Text, View } from '@tarojs/components'
import { memo, useEffect, useState } from 'react'
import type { StepDefinition } from '../../../../types/campaign'
import type { Completeness } from '../../../../types/engine'
import { ProgressBar } from '../../../components/progress-bar'

export interface StepIndicatorProps {
  steps: StepDefinition[]
  current: number
  completeness: Completeness
  canJump: (index: number) => boolean
  onJump: (index: number) => void
  /**
   * Scroll the rail to the current step (default). Off in the studio's preview: on H5 the
   * rail's scrollIntoView also scrolls the page around the preview.
   */
  followCurrent?: boolean
}

interface TabProps {
  step: StepDefinition
  index: number
  current: boolean
  done: boolean
  jumpable: boolean
  onJump: (index: number) => void
}

/** One step in the rail; re-rendered only when its own state changes. */
const StepTab = memo(function StepTab({ step, index, current, done, jumpable, onJump }: TabProps) {
  return (
    <View
      id={`wz-step-${index}`}
      className={`wz-step${current ? ' is-current' : ''}${done ? ' is-done' : ''}${jumpable ? ' is-jumpable' : ''}`}
      role='tab'
      aria-selected={current}
      aria-disabled={!jumpable && !current}
      data-step={step.id}
      onClick={() => jumpable && onJump(index)}
    >
      <Text className='wz-step__num' aria-hidden='true'>
        {done && !current ? '✓' : index + 1}
      </Text>
      <Text className='wz-step__title'>{step.title}</Text>
      {done ? <Text className='sr-only'>，已完成</Text> : null}
    </View>
  )
})

/**
 * Where the person is: 第 2/7 步, the progress of the whole demand, and every step to tap. Not
 * NutUI's Steps: its steps are neither tabs nor buttons (no role, no selected state, no tap to
 * jump); the bar is NutUI's Progress.
 */
export const StepIndicator = memo(function StepIndicator({ steps, current, completeness, canJump, onJump, followCurrent = true }: StepIndicatorProps) {
  const doneById = new Map(completeness.steps.map((s) => [s.id, s.done]))
  const percent = completeness.total ? Math.round((completeness.done / completeness.total) * 100) : 0
  // The rail follows the current step a moment after it is painted (not in the same frame).
  const [railTarget, setRailTarget] = useState<string>()
  useEffect(() => {
    if (!followCurrent) return
    const t = setTimeout(() => setRailTarget(`wz-step-${Math.max(0, current - 1)}`), 250)
    return () => clearTimeout(t)
  }, [current, followCurrent])
  return (
    <View className='wz-steps'>
      <View className='wz-steps__summary ui-flex ui-baseline ui-between ui-gap-md ui-px-2xl'>
        <Text className='wz-steps__position ui-h5 ui-grow ui-ellipsis'>
          第 {current + 1}/{steps.length} 步 · {steps[current]?.title}
        </Text>
        <Text className='ui-meta ui-keep'>
          已完成 {completeness.done}/{completeness.total} 步
        </Text>
      </View>
      <ProgressBar
        className='wz-bar wz-bar--steps'
        percent={percent}
        role='progressbar'
        aria-label='填报进度'
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`已完成${completeness.done}步，共${completeness.total}步`}
      />
      <ScrollView scrollX className='wz-steps__rail' scrollIntoView={railTarget}>
        <View className='wz-steps__list' role='tablist' aria-label='填报步骤'>
          {steps.map((s, i) => (
            <StepTab
              key={s.id}
              step={s}
              index={i}
              current={i === current}
              done={doneById.get(s.id) === true}
              jumpable={i !== current && canJump(i)}
              onJump={onJump}
            />
          ))}
        </View>
      </ScrollView>
    </View>
  )
})
