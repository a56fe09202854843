import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Deps } from '../deps'
import { getCampaign, listCampaigns } from '../campaigns'
import { notFound } from '../errors'
import { CampaignIdParams, replies } from '../schemas/common'
import { CampaignDetailSchema, CampaignSummarySchema } from '../schemas/domain'

export const campaignRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/campaigns', { schema: { response: replies(Type.Object({ campaigns: Type.Array(CampaignSummarySchema) })) } }, async () => ({
    campaigns: await listCampaigns(deps.db, deps.clock())
  }))

  app.get('/api/campaigns/:id', { schema: { params: CampaignIdParams, response: replies(CampaignDetailSchema) } }, async (request) => {
    const campaign = await getCampaign(deps.db, request.params.id, deps.clock())
    if (!campaign) throw notFound('征集活动')
    return campaign
  })
}
