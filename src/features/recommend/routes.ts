/** The pages of the recommender subpackage (packages/recommend). */
const enc = encodeURIComponent
const ROOT = '/packages/recommend/pages'

export const RECOMMEND_ROUTES = {
  workbench: `${ROOT}/workbench/index`,
  inbox: (campaignId: string, unit?: string) => `${ROOT}/inbox/index?campaign=${enc(campaignId)}${unit ? `&unit=${enc(unit)}` : ''}`,
  demand: (id: string) => `${ROOT}/demand/index?id=${enc(id)}`,
  ranking: (campaignId: string, unit?: string) => `${ROOT}/ranking/index?campaign=${enc(campaignId)}${unit ? `&unit=${enc(unit)}` : ''}`,
  overview: (campaignId: string) => `${ROOT}/overview/index?campaign=${enc(campaignId)}`
} as const
