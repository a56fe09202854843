/**
 * `npm run revoke-sessions -- <subject> [issuer]`: ends every session of the person the identity
 * provider knows by `subject` (and `issuer`, when several providers were used), on every
 * device, at once, e.g. when a recommending unit's clerk leaves. Works on DATABASE_URL.
 */
import { revokeAllSessions } from '../auth/sessions'
import { openPostgres } from '../db'

async function main() {
  const [subject, issuer] = process.argv.slice(2)
  const url = process.env.DATABASE_URL
  if (!subject || !url) {
    console.error('用法：DATABASE_URL=postgres://… npm run revoke-sessions -- <政务账号 subject> [issuer]')
    process.exit(2)
  }
  const db = await openPostgres(url)
  try {
    const users = await db.query<{ id: string; display_name: string; issuer: string }>(
      'SELECT id, display_name, issuer FROM users WHERE subject = $1 AND ($2::text IS NULL OR issuer = $2)',
      [subject, issuer ?? null]
    )
    if (users.length === 0) {
      console.error(`没有找到账号 ${subject}`)
      process.exitCode = 1
      return
    }
    for (const u of users) {
      const n = await revokeAllSessions(db, u.id, Date.now())
      console.log(`${u.display_name}（${u.issuer} ${subject}）：已注销 ${n} 个会话`)
    }
  } finally {
    await db.close()
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
