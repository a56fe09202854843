/** Runs the local identity provider on its own (tests start it as a child process). */
import { startDevProvider } from './provider.mjs'

const port = Number(process.env.DEV_IDP_PORT ?? 3001)
const issuer = process.env.DEV_IDP_ISSUER ?? `http://localhost:${port}`
await startDevProvider({
  port,
  issuer,
  clients: [
    {
      clientId: process.env.OIDC_CLIENT_ID ?? 'tech-demand-dev',
      clientSecret: process.env.OIDC_CLIENT_SECRET ?? 'dev-secret-change-me',
      redirectUris: (process.env.OIDC_REDIRECT_URIS ?? 'http://localhost:3000/api/auth/oidc/callback').split(',')
    }
  ]
})
console.log(`dev identity provider listening at ${issuer}`)
