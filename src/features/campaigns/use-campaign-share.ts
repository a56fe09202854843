import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import type { CampaignDetail } from '../../../types/domain'
import { ROUTES } from '../../services/navigation'

/** The card a campaign goes to a chat with: its title, opening straight to the campaign's page. */
export function campaignShareCard(campaign: Pick<CampaignDetail, 'id' | 'title'>): { title: string; path: string } {
  return { title: campaign.title, path: ROUTES.campaign(campaign.id) }
}

/**
 * 转发 (WeChat and Alipay) and 分享到朋友圈 (WeChat only; the page opens in its single-page
 * mode with the same query) of a campaign's page, once it is loaded; until then the page's own
 * defaults. The page config turns both on: enableShareAppMessage, enableShareTimeline.
 */
export function useCampaignShare(campaign: CampaignDetail | undefined): void {
  useShareAppMessage(() => (campaign ? campaignShareCard(campaign) : {}))
  useShareTimeline(() => (campaign ? { title: campaign.title, query: `id=${encodeURIComponent(campaign.id)}` } : {}))
}
