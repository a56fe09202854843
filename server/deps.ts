/** What the routes need, injected by `buildApp` so tests bring a clock, a database and fakes of the edges. */
import type { Platform } from '../types/domain'
import type { GovLogin } from './auth/gov-login'
import type { Config } from './config'
import type { Db } from './db'
import type { PlatformLogin } from './integrations/platform-login'

export interface Deps {
  config: Config
  db: Db
  /** Server time in epoch milliseconds; the only clock deadlines follow. */
  clock: () => number
  govLogin: GovLogin
  platformLogins: Record<Platform, PlatformLogin>
}
