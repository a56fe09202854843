import type { FastifyPluginAsync } from 'fastify'
import { PROFILE_LIMITS, type ProfileUpdate } from '../../types/profile'
import type { Deps } from '../deps'
import { getProfile, saveProfile } from '../users'
import { requireSession } from './guards'

const profileSchema = {
  type: 'object',
  required: ['contactName', 'mobile', 'unitType'],
  properties: {
    enterpriseName: { type: 'string', maxLength: PROFILE_LIMITS.enterpriseName * 2 },
    creditCode: { type: 'string', maxLength: 40 },
    contactName: { type: 'string', maxLength: PROFILE_LIMITS.contactName * 2 },
    mobile: { type: 'string', maxLength: 40 },
    unitType: { type: 'string', maxLength: 40 }
  }
} as const

export const profileRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/profile', async (request) => getProfile(deps.db, requireSession(request).userId))

  app.put<{ Body: ProfileUpdate }>('/api/profile', { schema: { body: profileSchema } }, async (request) =>
    saveProfile(deps.db, requireSession(request, 'enterprise').userId, request.body, deps.clock())
  )
}
