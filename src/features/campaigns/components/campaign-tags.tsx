import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import { View } from '@tarojs/components'
import { CAMPAIGN_STATUS_LABELS, type CampaignStatus } from '../../../../types/domain'

const STATUS_COLORS: Record<CampaignStatus, { background: string; color: string }> = {
  open: { background: '#e6f4ec', color: '#1a7546' },
  upcoming: { background: '#e8f0fb', color: '#1a56a8' },
  closed: { background: '#eef0f3', color: '#5c6470' }
}

/**
 * NutUI's Tag as the campaign list and page show it: its element, classes and stylesheet, in a
 * colour pair, without its script (closing, plain, round …: not used) in the main package.
 */
function Tag({ className, background, color, children }: { className: string; background: string; color: string; children: string }) {
  return (
    <View className={`nut-tag nut-tag-default ${className}`} style={{ backgroundColor: background }}>
      <View className='nut-tag-text' style={{ color }}>
        {children}
      </View>
    </View>
  )
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
