/**
 * 账号与数据: the agreements and what the person agreed to, agreeing again to a new version,
 * the data export, and 注销 (server/account.ts says what it erases and keeps).
 * Every route acts on the signed-in person only: none takes a user id.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AGREEMENT_IDS, AGREEMENTS, currentAgreementsIn } from '../../types/agreements'
import { deleteAccount, exportAccount, listConsents, missingConsents, recordConsents } from '../account'
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/request-session'
import type { Deps } from '../deps'
import { badRequest } from '../errors'
import { Download, replies } from '../schemas/common'
import { requireSession } from './guards'

/** What the person types to confirm 注销. */
export const DELETION_CONFIRMATION = '注销'

const Agreement = Type.Object({
  id: Type.Enum([...AGREEMENT_IDS]),
  version: Type.String(),
  title: Type.String(),
  effective: Type.String()
})
const Consent = Type.Object({ document: Type.String(), version: Type.String(), agreedAt: Type.String() })
const ConsentState = Type.Object({
  agreements: Type.Array(Agreement),
  consents: Type.Array(Consent),
  /** Current agreements not yet agreed to. */
  missing: Type.Array(Agreement)
})

export const accountRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db, clock } = deps

  const state = async (userId: string) => ({
    agreements: [...AGREEMENTS],
    consents: await listConsents(db, userId),
    missing: await missingConsents(db, userId)
  })

  app.get('/api/account/consents', { schema: { response: replies(ConsentState) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    return state(requireSession(request).userId)
  })

  app.post(
    '/api/account/consents',
    {
      schema: {
        body: Type.Object({
          agreements: Type.Array(Type.Object({ id: Type.String({ maxLength: 20 }), version: Type.String({ maxLength: 40 }) }), { minItems: 1, maxItems: 10 })
        }),
        response: replies(ConsentState)
      }
    },
    async (request) => {
      const { userId } = requireSession(request)
      const agreed = currentAgreementsIn(request.body.agreements)
      if (agreed.length !== request.body.agreements.length) {
        throw badRequest('AGREEMENT_OUTDATED', '协议已更新，请刷新页面，阅读最新版本后再同意')
      }
      await db.transaction((tx) => recordConsents(tx, userId, agreed, clock()))
      return state(userId)
    }
  )

  app.get('/api/account/export', { schema: { response: replies(Download) } }, async (request, reply) => {
    const { userId } = requireSession(request)
    const now = clock()
    const data = await db.transaction((tx) => exportAccount(tx, userId, now))
    const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10) // the date in China
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="my-data-${day}.json"; filename*=UTF-8''${encodeURIComponent(`我的数据-${day}.json`)}`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2))
  })

  app.post(
    '/api/account/delete',
    {
      schema: {
        body: Type.Object({ confirm: Type.String({ maxLength: 20 }) }),
        response: replies(
          Type.Object({
            deleted: Type.Literal(true),
            draftsDeleted: Type.Integer(),
            demandsPseudonymised: Type.Integer(),
            sessionsRevoked: Type.Integer(),
            platformBindingsRemoved: Type.Integer(),
            pushesStopped: Type.Integer()
          })
        )
      }
    },
    async (request, reply) => {
      const { userId } = requireSession(request)
      if (request.body.confirm.trim() !== DELETION_CONFIRMATION) {
        throw badRequest('CONFIRMATION_REQUIRED', `请输入“${DELETION_CONFIRMATION}”两个字确认注销账号`)
      }
      const summary = await db.transaction((tx) => deleteAccount(tx, userId, clock()))
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
      return { deleted: true as const, ...summary }
    }
  )
}
