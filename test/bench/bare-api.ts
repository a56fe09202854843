/**
 * The yardstick of `npm run bench:api`: a bare Fastify + pg server (no plugins, no sessions,
 * no validation) on the same schema, one route for each product route measured, doing the
 * database work at its core and nothing else:
 *   GET /campaigns      the published campaigns' summary parts (the product's SELECT), returned as they are
 *   PUT /drafts/:id     an upsert of one jsonb row with a version bump (its own table)
 *   GET /inbox          one page of the unit's demands (the same columns, ORDER BY … LIMIT 20) and their count
 * Prints `ready` when listening on PORT.
 */
import Fastify from 'fastify'
import { Pool } from 'pg'

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_MAX ?? 10) })
const app = Fastify({ logger: false })

app.get('/campaigns', async () => {
  // the parts of each definition the product's summaries read (server/campaigns.ts), returned as they are
  const { rows } = await pool.query<{ id: string; is_demo: boolean }>(
    `SELECT definition->>'id' AS id, definition->'title' AS title, definition->'issuer' AS issuer, definition->'tagline' AS tagline,
            definition->'opensOn' AS "opensOn", definition->'timezone' AS timezone, definition->'deadlines' AS deadlines, is_demo
       FROM campaigns WHERE state = 'published'`
  )
  return { campaigns: rows.map(({ is_demo, ...parts }) => ({ ...parts, isDemo: is_demo })) }
})

app.put<{ Params: { id: string }; Body: { answers: unknown } }>('/drafts/:id', async (req) => {
  const { rows } = await pool.query<{ version: number }>(
    `INSERT INTO bare_drafts (id, answers, version) VALUES ($1, $2, 1)
     ON CONFLICT (id) DO UPDATE SET answers = EXCLUDED.answers, version = bare_drafts.version + 1
     RETURNING version`,
    [Number(req.params.id), JSON.stringify(req.body.answers)]
  )
  return { version: rows[0].version }
})

app.get<{ Querystring: { campaign: string; unit: string } }>('/inbox', async (req) => {
  const params = [req.query.campaign, req.query.unit]
  const [{ rows }, count] = await Promise.all([
    pool.query(
      `SELECT id, submitted_title AS title, status, rank, recommender_unit AS "unitId", domain_id AS "domainId", direction,
              submitted_version AS "submittedVersion", submitted_at AS "submittedAt", enterprise_name AS "enterpriseName"
         FROM demands WHERE campaign_id = $1 AND recommender_unit = $2
        ORDER BY submitted_at DESC, id LIMIT 20`,
      params
    ),
    // a list page says how many there are in all
    pool.query<{ total: number }>('SELECT count(*)::int AS total FROM demands WHERE campaign_id = $1 AND recommender_unit = $2', params)
  ])
  return { items: rows, total: count.rows[0].total }
})

pool
  .query('CREATE TABLE IF NOT EXISTS bare_drafts (id int PRIMARY KEY, answers jsonb NOT NULL, version int NOT NULL)')
  .then(() => app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }))
  .then(() => console.log('ready'))
