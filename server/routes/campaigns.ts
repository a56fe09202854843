import type { FastifyPluginAsync } from 'fastify'
import type { Deps } from '../deps'
import { getCampaign, listCampaigns } from '../campaigns'
import { notFound } from '../errors'

export const campaignRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/campaigns', async () => ({ campaigns: await listCampaigns(deps.db, deps.clock()) }))

  app.get<{ Params: { id: string } }>(
    '/api/campaigns/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] } } },
    async (request) => {
      const campaign = await getCampaign(deps.db, request.params.id, deps.clock())
      if (!campaign) throw notFound('征集活动')
      return campaign
    }
  )
}
