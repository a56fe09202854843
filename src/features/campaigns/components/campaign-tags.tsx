import { Tag } from '@nutui/nutui-react-taro'
import { CAMPAIGN_STATUS_LABELS, type CampaignStatus } from '../../../../types/domain'

const STATUS_COLORS: Record<CampaignStatus, { background: string; color: string }> = {
  open: { background: '#e6f4ec', color: '#1a7546' },
  upcoming: { background: '#e8f0fb', color: '#1a56a8' },
  closed: { background: '#eef0f3', color: '#5c6470' }
}

/** 未开始 / 征集中 / 已截止 */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const c = STATUS_COLORS[status]
  return (
    <Tag className={`campaign-tag campaign-tag--${status}`} background={c.background} color={c.color}>
      {CAMPAIGN_STATUS_LABELS[status]}
    </Tag>
  )
}

/** Marks a demo copy of a campaign (dates moved into the future for trying things out). */
export function DemoTag() {
  return (
    <Tag className='campaign-tag campaign-tag--demo' background='#fdf1e2' color='#a35400'>
      演示
    </Tag>
  )
}
