/**
 * A private schema on the PostgreSQL server named by TEST_DATABASE_URL, for one test file's
 * database or one spawned server's: its URL (the schema first on the search path) and `drop`,
 * which removes it with the job queue's schema beside it. CommonJS, so that the app tests'
 * plain-JS setup can use it as the TypeScript tests do.
 */
const crypto = require('node:crypto')
const { Client } = require('pg')

/** The server's URL with `schema` first on the search path (for other processes on a test database). */
function schemaUrl(url, schema) {
  const scoped = new URL(url)
  scoped.searchParams.set('options', `-c search_path=${schema},public`)
  return scoped.toString()
}

/** Runs `sql` in order on the server at `url`; a statement in `tolerated` may fail. */
async function onServer(url, sql, tolerated = []) {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    for (const statement of sql) {
      await client.query(statement).catch((err) => {
        if (!tolerated.includes(statement)) throw err
      })
    }
  } finally {
    await client.end()
  }
}

/** Creates an empty schema (`t_` and 12 random hex digits) on the server at `url`. */
async function createTestSchema(url) {
  const schema = 't_' + crypto.randomBytes(6).toString('hex')
  // Extensions are per database: pg_trgm in public (as in production), on every schema's path;
  // two files creating it at once may see the other's, which is as good.
  const extension = 'CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public'
  await onServer(url, [extension, `CREATE SCHEMA ${schema}`], [extension])
  return {
    schema,
    url: schemaUrl(url, schema),
    drop: () => onServer(url, [`DROP SCHEMA IF EXISTS ${schema} CASCADE`, `DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`])
  }
}

module.exports = { schemaUrl, createTestSchema }
