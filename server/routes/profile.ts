import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { PROFILE_LIMITS, type ProfileUpdate } from '../../types/profile'
import type { Deps } from '../deps'
import { replies } from '../schemas/common'
import { ProfileSchema } from '../schemas/domain'
import { getProfile, saveCareMode, saveProfile } from '../users'
import { requireSession } from './guards'

/** The contact's part of the profile (types/profile.ts ProfileUpdate); the rules are validateProfile's. */
const ProfileUpdateSchema = Type.Object({
  enterpriseName: Type.Optional(Type.String({ maxLength: PROFILE_LIMITS.enterpriseName * 2 })),
  creditCode: Type.Optional(Type.String({ maxLength: 40 })),
  contactName: Type.String({ maxLength: PROFILE_LIMITS.contactName * 2 }),
  mobile: Type.String({ maxLength: 40 }),
  unitType: Type.String({ maxLength: 40 })
})

const CareModeSchema = Type.Object({ careMode: Type.Boolean() })

export const profileRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/profile', { schema: { response: replies(ProfileSchema) } }, async (request) => getProfile(deps.db, requireSession(request).userId))

  app.put('/api/profile', { schema: { body: ProfileUpdateSchema, response: replies(ProfileSchema) } }, async (request) =>
    // any text as the unit type: validateProfile refuses one outside the list with its own message
    saveProfile(deps.db, requireSession(request, 'enterprise').userId, request.body as ProfileUpdate, deps.clock())
  )

  // 关怀模式, remembered for the account (every role); /api/auth/me gives it back at sign-in
  app.put('/api/profile/care-mode', { schema: { body: CareModeSchema, response: replies(CareModeSchema) } }, async (request) =>
    saveCareMode(deps.db, requireSession(request).userId, request.body.careMode)
  )
}
