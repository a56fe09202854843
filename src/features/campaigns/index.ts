export { CampaignListScreen } from './campaign-list-screen'
export { CampaignDetailScreen } from './campaign-detail-screen'
