/**
 * A fresh, migrated database per test file: embedded PGlite in memory by default, or a
 * private schema on the PostgreSQL server named by TEST_DATABASE_URL.
 */
import crypto from 'node:crypto'
import { Client } from 'pg'
import { openPglite, openPostgres, type Db } from '../../server/db'
import { migrate } from '../../server/db/migrate'

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL)

/** The server's URL with `schema` first on the search path (for other processes on a test database). */
export function schemaUrl(url: string, schema: string): string {
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema},public`)
  return scoped.toString()
}

export async function openTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const db = await openPglite(null)
    await migrate(db)
    return db
  }
  const schema = 't_' + crypto.randomBytes(6).toString('hex')
  const admin = new Client({ connectionString: url })
  await admin.connect()
  // Extensions are per database: keep pg_trgm in public (as in production) and on the path.
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public').catch(() => undefined)
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const db = await openPostgres(schemaUrl(url, schema))
  await migrate(db)
  return {
    ...db,
    async close() {
      await db.close()
      const c = new Client({ connectionString: url })
      await c.connect()
      await c.query(`DROP SCHEMA ${schema} CASCADE`)
      await c.query(`DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`) // the job queue's, when one ran
      await c.end()
    }
  }
}

