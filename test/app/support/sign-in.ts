/**
 * Walks the mini-program sign-in as the web-view would, over real HTTP: our server's
 * /api/auth/oidc/start → the local government identity provider's login form (demo account)
 * → back to our callback, whose page carries the one-time hand-off code. The app itself then
 * trades the code for a token (SignInScreen with ?handoff=).
 */
import { handoffCode } from '../../support/http-session'
import { API } from './server'

export const handoffCodeFor = (account: string): Promise<string> => handoffCode(API, account)
