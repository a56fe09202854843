import { ScrollView, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { StepDefinition } from '../../../../types/campaign'
import type { Completeness } from '../../../../types/engine'

export interface StepIndicatorProps {
  steps: StepDefinition[]
  current: number
  completeness: Completeness
  canJump: (index: number) => boolean
  onJump: (index: number) => void
}

/** Where the person is: 第 2/7 步, the progress of the whole demand, and every step to tap. */
export function StepIndicator({ steps, current, completeness, canJump, onJump }: StepIndicatorProps) {
  const doneById = new Map(completeness.steps.map((s) => [s.id, s.done]))
  // Scrolled after the first layout too (a page opened at step 7 shows step 7 in the rail).
  const [railTarget, setRailTarget] = useState<string>()
  useEffect(() => {
    const t = setTimeout(() => setRailTarget(`wz-step-${Math.max(0, current - 1)}`), 60)
    return () => clearTimeout(t)
  }, [current])
  const percent = completeness.total ? Math.round((completeness.done / completeness.total) * 100) : 0
  return (
    <View className='wz-steps'>
      <View className='wz-steps__summary'>
        <Text className='wz-steps__position'>
          第 {current + 1}/{steps.length} 步 · {steps[current]?.title}
        </Text>
        <Text className='wz-steps__done'>
          已完成 {completeness.done}/{completeness.total} 步
        </Text>
      </View>
      <View
        className='wz-bar wz-bar--steps'
        role='progressbar'
        aria-label='填报进度'
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`已完成${completeness.done}步，共${completeness.total}步`}
      >
        <View className='wz-bar__fill' style={{ width: `${percent}%` }} />
      </View>
      <ScrollView scrollX className='wz-steps__rail' scrollIntoView={railTarget} scrollWithAnimation>
        <View className='wz-steps__list' role='tablist' aria-label='填报步骤'>
          {steps.map((s, i) => {
            const done = doneById.get(s.id) === true
            const jumpable = i !== current && canJump(i)
            return (
              <View
                key={s.id}
                id={`wz-step-${i}`}
                className={`wz-step${i === current ? ' is-current' : ''}${done ? ' is-done' : ''}${jumpable ? ' is-jumpable' : ''}`}
                role='tab'
                aria-selected={i === current}
                aria-disabled={!jumpable && i !== current}
                aria-label={`第${i + 1}步 ${s.title}${done ? '，已完成' : ''}${i === current ? '，当前步骤' : ''}`}
                data-step={s.id}
                onClick={() => jumpable && onJump(i)}
              >
                <Text className='wz-step__num' aria-hidden='true'>
                  {done && i !== current ? '✓' : i + 1}
                </Text>
                <Text className='wz-step__title'>{s.title}</Text>
              </View>
            )
          })}
        </View>
      </ScrollView>
    </View>
  )
}
