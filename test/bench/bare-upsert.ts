/**
 * The yardstick for the autosave benchmark: a bare Fastify + pg route doing the same
 * single-row upsert of a JSON document with a version bump, nothing else.
 */
import Fastify from 'fastify'
import { Pool } from 'pg'

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const app = Fastify({ logger: false })

app.put<{ Params: { id: string }; Body: { answers: unknown } }>('/rows/:id', async (req) => {
  const { rows } = await pool.query(
    `INSERT INTO bench_rows (id, answers, version) VALUES ($1, $2, 1)
     ON CONFLICT (id) DO UPDATE SET answers = EXCLUDED.answers, version = bench_rows.version + 1
     RETURNING version`,
    [Number(req.params.id), JSON.stringify(req.body.answers)]
  )
  return { version: rows[0].version }
})

pool
  .query('CREATE TABLE IF NOT EXISTS bench_rows (id int PRIMARY KEY, answers jsonb NOT NULL, version int NOT NULL)')
  .then(() => app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }))
  .then(() => console.log('ready'))
