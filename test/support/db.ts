/**
 * A fresh, migrated database per test file: embedded PGlite in memory by default, or a
 * private schema on the PostgreSQL server named by TEST_DATABASE_URL.
 */
import { openPglite, openPostgres, type Db } from '../../server/db'
import { migrate } from '../../server/db/migrate'
import { createTestSchema } from './test-schema'

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL)

export async function openTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const db = await openPglite(null)
    await migrate(db)
    return db
  }
  const schema = await createTestSchema(url)
  const db = await openPostgres(schema.url)
  await migrate(db)
  return {
    ...db,
    async close() {
      await db.close()
      await schema.drop()
    }
  }
}
