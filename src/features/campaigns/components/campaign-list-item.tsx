import { Text, View } from '@tarojs/components'
import type { CampaignSummary } from '../../../../types/domain'
import { formatDeadline } from '../../../../types/time'
import { CampaignStatusTag, DemoTag } from './campaign-tags'
import { useCampaignClock } from './use-campaign-clock'

export interface CampaignListItemProps {
  campaign: CampaignSummary
  onOpen: (id: string) => void
}

export function CampaignListItem({ campaign, onOpen }: CampaignListItemProps) {
  const clock = useCampaignClock(campaign)
  return (
    <View role='listitem'>
      <View className={`campaign-item card campaign-item--${clock.status}`} role='link' data-campaign-id={campaign.id} onClick={() => onOpen(campaign.id)}>
        <View className='campaign-item__top ui-row ui-between ui-mb-md'>
          <View className='ui-row'>
            <CampaignStatusTag status={clock.status} />
            {campaign.isDemo ? <DemoTag /> : null}
          </View>
          {clock.status !== 'closed' ? (
            <Text className={`campaign-item__countdown${clock.urgent ? ' is-urgent' : ''}`} data-testid='countdown'>
              {clock.countdownText}
            </Text>
          ) : null}
        </View>
        <Text className='campaign-item__title ui-h3 ui-clamp ui-mb-xs'>{campaign.title}</Text>
        <Text className='ui-label ui-mb-xs'>{campaign.issuer}</Text>
        <Text className='ui-text ui-ellipsis'>{campaign.tagline}</Text>
        <View className='campaign-item__footer ui-row ui-between ui-mt-lg ui-pt-lg ui-line-top'>
          <Text className='ui-meta'>
            填报截止 {formatDeadline(campaign.enterpriseDeadlineAt)}
          </Text>
          <Text className='ui-link' aria-hidden='true'>
            查看 ›
          </Text>
        </View>
      </View>
    </View>
  )
}
