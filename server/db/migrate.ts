/** Numbered SQL migrations (`NNN.do.<name>.sql`), applied once each, in order, at start. */
import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './index'

const DIR = path.join(__dirname, 'migrations')

export async function migrate(db: Db): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version))
  const files = fs
    .readdirSync(DIR)
    .filter((f) => /^\d{3}\.do\..+\.sql$/.test(f))
    .sort()
  const applied: string[] = []
  for (const file of files) {
    const version = Number(file.slice(0, 3))
    if (done.has(version)) continue
    const sql = fs.readFileSync(path.join(DIR, file), 'utf8')
    await db.transaction(async (tx) => {
      // Serialise concurrent starts of several processes on one PostgreSQL server.
      await tx.query('SELECT pg_advisory_xact_lock(4242)')
      const again = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version])
      if (again.length) return
      for (const statement of splitStatements(sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file])
      applied.push(file)
    })
  }
  return applied
}

/** Statements are separated by lines ending in `;` (migrations hold no functions with bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean)
}
