/**
 * 问通知: GET /api/campaigns/:id/ask?q=… answers a question with the paragraphs of the
 * campaign's notice that say it (server/ask.ts). Open to everyone, like the campaign's page;
 * limited per client address (config.askLimit).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { AskAnswer } from '../../types/ask'
import type { Deps } from '../deps'
import { askNotice } from '../ask'
import { hit } from '../rate-limit'
import { CampaignIdParams, replies } from '../schemas/common'
import type { Same } from '../schemas/domain'

const Range = Type.Object({ start: Type.Integer(), end: Type.Integer() })
export const AskAnswerSchema = Type.Object({
  campaignId: Type.String(),
  version: Type.Integer(),
  question: Type.String(),
  paragraphs: Type.Array(Type.Object({ section: Type.String(), text: Type.String(), score: Type.Number(), highlights: Type.Array(Range) })),
  contacts: Type.Array(
    Type.Object({ group: Type.String(), topic: Type.String(), person: Type.Optional(Type.String()), phone: Type.String() })
  )
})
// exactly the app's type: the serialiser would drop a field the schema does not name
const _sameAsApp: Same<Static<typeof AskAnswerSchema>, AskAnswer> = true

export const askRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/campaigns/:id/ask',
    {
      schema: {
        params: CampaignIdParams,
        // the question's own checks (empty, too long) answer in Chinese from askNotice
        querystring: Type.Object({ q: Type.Optional(Type.String()) }),
        response: replies(AskAnswerSchema)
      }
    },
    async (request) => {
      await hit(deps.db, `ask:address:${request.ip}`, deps.config.askLimit, deps.clock())
      return askNotice(deps.db, request.params.id, request.query.q)
    }
  )
}
