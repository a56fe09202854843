/**
 * The local government identity provider for development and tests: a standard OpenID
 * Connect provider (oidc-provider) with demo accounts, a login page in Chinese, PKCE
 * required, and the enterprise claims a 法人 account carries (name, credit code).
 * Real deployments point OIDC_ISSUER at the province's provider instead.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import Provider from 'oidc-provider'

const readAccounts = (file) => JSON.parse(fs.readFileSync(file, 'utf8'))
// Tests add accounts of their own (hostile names, bad codes) from DEV_IDP_EXTRA_ACCOUNTS.
const ACCOUNTS = [
  ...readAccounts(new URL('./accounts.json', import.meta.url)),
  ...(process.env.DEV_IDP_EXTRA_ACCOUNTS ? readAccounts(process.env.DEV_IDP_EXTRA_ACCOUNTS) : [])
]
/**
 * `user_type` is legal_person (法人) or natural_person (个人), as the provincial providers tell them apart;
 * `recommender_issuer` names the bureau whose campaigns a recommending unit's account serves.
 */
const CLAIMS = ['role', 'user_type', 'enterprise_name', 'credit_code', 'unit_type', 'recommender_unit', 'recommender_issuer']

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(title, body) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${escape(title)}</title>
<style>body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f5fa;color:#1f2937}
main{max-width:420px;margin:0 auto;padding:24px 16px}h1{font-size:20px;color:#0b4fa8}
.note{font-size:13px;color:#5f6672;line-height:1.6}
form{background:#fff;border-radius:12px;padding:16px;margin:16px 0;box-shadow:0 1px 3px rgba(0,0,0,.06)}
label{display:block;font-size:14px;margin:12px 0 4px}input{width:100%;box-sizing:border-box;font-size:16px;padding:10px;border:1px solid #cbd5e1;border-radius:8px}
button{width:100%;font-size:16px;padding:12px;margin-top:12px;border:0;border-radius:8px;background:#0b4fa8;color:#fff}
.accounts button{background:#fff;color:#0b4fa8;border:1px solid #0b4fa8;text-align:left}
.error{color:#b91c1c;font-size:14px}</style></head><body><main>${body}</main></body></html>`
}

function loginPage(uid, error) {
  const quick = ACCOUNTS.map(
    (a) => `<button type="submit" name="login" value="${escape(a.id)}">${escape(a.label)}</button>`
  ).join('')
  return page(
    '政务服务账号登录（本地开发）',
    `<h1>政务服务账号登录</h1>
<p class="note">本地开发用身份提供方，模拟省级政务服务网统一身份认证。演示账号密码均为 demo1234。</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">账号</label><input id="login" name="login" autocomplete="username" required>
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button></form>
<form method="post" action="/interaction/${escape(uid)}/login" class="accounts" aria-label="演示账号快速登录">
<p class="note">演示账号（一键登录）：</p><input type="hidden" name="password" value="demo1234">${quick}</form>`
  )
}

async function readForm(req) {
  let body = ''
  for await (const chunk of req) {
    body += chunk
    if (body.length > 10_000) break
  }
  return Object.fromEntries(new URLSearchParams(body))
}

/**
 * Starts the provider. `issuer` is its public URL (e.g. http://localhost:3001);
 * `clients` are the relying parties allowed to sign in through it.
 */
export async function startDevProvider({ port, issuer, clients }) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code']
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'dev' }] },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'enterprise'],
    claims: { openid: ['sub'], profile: ['name'], enterprise: CLAIMS },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    async findAccount(ctx, id) {
      const account = ACCOUNTS.find((a) => a.id === id)
      if (!account) return undefined
      return {
        accountId: id,
        async claims() {
          const claims = { sub: id, name: account.name }
          for (const k of CLAIMS) if (account[k]) claims[k] = account[k]
          return claims
        }
      }
    },
    ttl: { AuthorizationCode: 120, AccessToken: 600, IdToken: 600, Interaction: 900, Session: 3600, Grant: 3600 }
  })

  const callback = provider.callback()
  const server = http.createServer(async (req, res) => {
    const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '')
    if (!match) return callback(req, res)
    try {
      const details = await provider.interactionDetails(req, res)
      if (details.prompt.name === 'consent') {
        // A first-party client: grant what it asked for without a consent screen.
        const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id })
        grant.addOIDCScope(String(details.params.scope))
        const grantId = await grant.save()
        return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
      }
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req)
        const account = ACCOUNTS.find((a) => a.id === form.login && a.password === form.password)
        if (!account) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          return res.end(loginPage(details.uid, '账号或密码不正确'))
        }
        return provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false })
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(loginPage(details.uid))
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page('登录已过期', `<h1>登录已过期</h1><p class="note">请返回应用重新发起登录。</p>`))
    }
  })
  // Idle connections kept as long as the app server keeps them (Fastify: 72 s). Node's 5 s let a
  // busy client reuse a connection the provider had just closed ("other side closed").
  server.keepAliveTimeout = 72_000
  server.headersTimeout = 73_000
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(resolve))
  }
}
