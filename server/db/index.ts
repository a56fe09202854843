/**
 * The one query layer: plain parameterised SQL that runs unchanged on a PostgreSQL
 * server (node-postgres) and on embedded PGlite (PostgreSQL compiled to WASM).
 */
import fs from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Pool, type PoolClient } from 'pg'
import { lockFolder } from './folder-lock'

export interface QueryOptions {
  /** Names a hot statement: PostgreSQL then parses and plans it once per connection (PGlite ignores it). */
  name?: string
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: QueryOptions): Promise<T[]>
}

export interface Db extends Queryable {
  kind: 'postgres' | 'pglite'
  /** Runs `fn` in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>
  close(): Promise<void>
  /** PostgreSQL only: the server's address, for what needs connections of its own (job queue, LISTEN). */
  connectionString?: string
  /** PGlite only: the embedded instance, for the job queue's PGlite adapter. */
  pglite?: PGlite
}

export async function openPostgres(url: string): Promise<Db> {
  const pool = new Pool({ connectionString: url, max: Number(process.env.PG_POOL_MAX ?? 10) })
  // PostgreSQL may end an idle connection (a restart, a failover, pg_terminate_backend, a proxy's
  // timeout): the pool drops it and opens another when needed. Unheard, the pool's 'error' event
  // would end the process.
  pool.on('error', (err) => console.error(`数据库空闲连接已断开，已丢弃（下次查询时重新连接）：${err.message}`))
  const on = (c: Pool | PoolClient): Queryable => ({
    async query<T>(sql: string, params: unknown[] = [], opts?: QueryOptions) {
      return (await (opts?.name ? c.query({ name: opts.name, text: sql, values: params }) : c.query(sql, params))).rows as T[]
    }
  })
  return {
    kind: 'postgres',
    connectionString: url,
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(on(client))
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        client.release()
      }
    },
    async exec(sql) {
      await pool.query(sql)
    },
    close: () => pool.end()
  }
}

/**
 * Embedded PGlite in `dataDir` (or in memory when dataDir is null). PGlite does not lock
 * its folder, and a second process writing to it loses data silently, so we hold a lock
 * that dies with the process (folder-lock.ts) and refuse a second start with a clear message.
 */
export async function openPglite(dataDir: string | null): Promise<Db> {
  let releaseLock = async () => {}
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true })
    releaseLock = await lockFolder(dataDir)
  }
  // pg_trgm (text similarity) ships with PostgreSQL's contrib; PGlite loads it as an extension.
  const pg = await PGlite.create({ dataDir: dataDir ?? undefined, extensions: { pg_trgm } }).catch(async (err) => {
    await releaseLock()
    throw err
  })
  // PGlite is a single connection: serialise transactions so two requests never interleave.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }
  const q = async <T>(c: Pick<PGlite, 'query'>, sql: string, params: unknown[] = []) =>
    (await c.query<T>(sql, params)).rows
  return {
    kind: 'pglite',
    pglite: pg,
    query: (sql, params) => serial(() => q(pg, sql, params)),
    transaction: (fn) => serial(() => pg.transaction((tx) => fn({ query: (sql, params) => q(tx, sql, params) }))),
    exec: (sql) => serial(async () => void (await pg.exec(sql))),
    async close() {
      await serial(() => pg.close())
      await releaseLock()
    }
  }
}

export function openDb(databaseUrl: string, dataDir: string | null): Promise<Db> {
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(dataDir)
}
