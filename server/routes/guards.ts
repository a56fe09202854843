import type { FastifyRequest } from 'fastify'
import type { Role } from '../../types/domain'
import type { Session } from '../auth/sessions'
import { AppError } from '../errors'

/** The signed-in session, or 401 with a Chinese message. */
export function requireSession(request: FastifyRequest, role?: Role): Session {
  if (!request.session) throw new AppError(401, 'UNAUTHENTICATED', '请先登录')
  if (role && request.session.role !== role) throw new AppError(403, 'FORBIDDEN', '当前账号无权进行此操作')
  return request.session
}
