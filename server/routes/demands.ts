import type { FastifyPluginAsync } from 'fastify'
import type { Deps } from '../app'
import { requireSession } from './guards'

export const demandRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  /** The signed-in enterprise's own demands, newest first. */
  app.get('/api/demands', async (request) => {
    const { userId } = requireSession(request)
    const demands = await deps.db.query(
      `SELECT d.id, d.campaign_id AS "campaignId", c.definition->>'title' AS "campaignTitle", d.title, d.status,
              d.updated_at AS "updatedAt"
         FROM demands d JOIN campaigns c ON c.id = d.campaign_id
        WHERE d.owner_id = $1 ORDER BY d.updated_at DESC`,
      [userId]
    )
    return { demands }
  })
}
