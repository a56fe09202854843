import { Text } from '@tarojs/components'
import type { DemandStatus } from '../../../types/domain'
import { statusDisplay } from '../../../types/status'
import './index.scss'

export interface StatusTagProps {
  status: DemandStatus
  /** Shown after the label for ranked statuses (已推荐 · 第2位). */
  rank?: number | null
  /** small: a history line; large: a page's heading. */
  size?: 'small' | 'normal' | 'large'
  /** A past status (history): grey whatever its tone. */
  past?: boolean
  className?: string
  testId?: string
}

const RANKED: readonly DemandStatus[] = ['recommended', 'selected', 'not_selected']

/**
 * A demand's status, with the label and colour of types/status.ts: the one status tag of every
 * page (the enterprise's list and status page, the recommender's inbox, review and ranking).
 */
export function StatusTag({ status, rank, size = 'normal', past = false, className, testId = 'status' }: StatusTagProps) {
  const { label, tone } = statusDisplay(status)
  const text = rank && RANKED.includes(status) ? `${label} · 第${rank}位` : label
  const classes = ['status-tag', `ui-tone-${past ? 'muted' : tone}`, `status-tag--${size}`, className].filter(Boolean).join(' ')
  return (
    <Text className={classes} data-testid={testId} data-status={status}>
      {text}
    </Text>
  )
}
