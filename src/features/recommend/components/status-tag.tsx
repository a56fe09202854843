import { Text } from '@tarojs/components'
import { DEMAND_STATUS_LABELS, type DemandStatus } from '../../../../types/domain'

/** 已提交 / 推荐单位审核中 / 已退回修改 / 已推荐 / 未推荐 / 入选 / 未入选, each in its colour. */
export function StatusTag({ status, rank }: { status: DemandStatus; rank?: number | null }) {
  const label = DEMAND_STATUS_LABELS[status] ?? status
  const withRank = rank && (status === 'recommended' || status === 'selected' || status === 'not_selected') ? `${label} · 第${rank}位` : label
  return (
    <Text className={`rc-status rc-status--${status}`} data-testid='status' data-status={status}>
      {withRank}
    </Text>
  )
}
