/** The campaigns feature's client functions other features may call. */
export { getCampaign, getCampaignWithClock, type GetCampaignOptions } from './get-campaign'
export { askNotice } from './ask-notice'
