export { CampaignList, sortCampaigns } from './campaign-list'
export { CampaignListItem } from './campaign-list-item'
export { CampaignDetailView, callPhone } from './campaign-detail-view'
export { CampaignStatusTag, DemoTag } from './campaign-tags'
