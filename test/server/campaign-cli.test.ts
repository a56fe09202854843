/**
 * `npm run campaign`: the operator's command line, run as an operator would: its own process, on
 * a private schema of the PostgreSQL server of TEST_DATABASE_URL, or the embedded database in a
 * folder of its own. Same validator and rules as the studio;
 * exit 0 when done, 1 with every problem by path, 2 on a usage error.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createTestSchema, type TestSchema } from '../support/test-schema'

const ROOT = path.join(__dirname, '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-cli-'))
const cq = JSON.parse(fs.readFileSync(path.join(ROOT, 'campaigns/cq-2026-key-areas.json'), 'utf8'))

let schema: TestSchema | null = null
beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) schema = await createTestSchema(process.env.TEST_DATABASE_URL)
})
afterAll(async () => {
  await schema?.drop()
  fs.rmSync(dir, { recursive: true, force: true })
})

function campaign(...args: string[]) {
  const env = { ...process.env, DATA_DIR: path.join(dir, 'db'), DATABASE_URL: schema?.url ?? '', NODE_ENV: 'development' }
  const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'server/cli/campaign.ts'), ...args], { env, encoding: 'utf8', timeout: 60_000 })
  return { code: run.status, out: run.stdout, err: run.stderr }
}
const file = (name: string, body: unknown) => {
  const p = path.join(dir, name)
  fs.writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body))
  return p
}

it('validates a file alone, listing every problem by path', () => {
  expect(campaign('validate', path.join(ROOT, 'campaigns/cq-2026-key-areas.json'))).toMatchObject({ code: 0, out: expect.stringContaining('有效：cq-2026-key-areas') })
  const bad = { ...structuredClone(cq), id: 'Bad Id', deadlines: { enterprise: '2025-07-20', recommender: '2025-07-01' } }
  bad.steps[1].fields[0] = { ...bad.steps[1].fields[0], kind: 'slider' }
  const res = campaign('validate', file('bad.json', bad))
  expect(res.code).toBe(1)
  for (const path of ['id:', 'deadlines.recommender:', 'steps[1].fields[0].kind:']) expect(res.err).toContain(path)
  expect(campaign('validate', file('cut.json', '{"id": "x"')).err).toContain('不是有效的 JSON 文件')
  expect(campaign('validate', path.join(dir, 'missing.json')).err).toContain('无法读取文件')
  expect(campaign('frobnicate', 'x').code).toBe(2)
}, 60_000)

it('imports as the next version, refuses what the studio would refuse, and exports what is current', () => {
  const first = campaign('import', file('notice.json', { ...cq, id: 'cli-notice' }))
  expect(first).toMatchObject({ code: 0, out: expect.stringContaining('已发布 cli-notice 第 1 版') })
  expect(campaign('import', file('notice.json', { ...cq, id: 'cli-notice' })).out).toContain('未改动')
  const later = campaign('import', file('later.json', { ...cq, id: 'cli-notice', deadlines: { enterprise: '2025-07-27', recommender: '2025-08-01' } }))
  expect(later).toMatchObject({ code: 0, out: expect.stringContaining('第 2 版') })
  const invalid = campaign('import', file('invalid.json', { ...cq, id: 'cli-notice', title: '' }))
  expect(invalid).toMatchObject({ code: 1, err: expect.stringContaining('title: 应为非空文本') })
  const exported = campaign('export', 'cli-notice')
  expect(exported.code).toBe(0)
  expect(JSON.parse(exported.out)).toEqual({ ...cq, id: 'cli-notice', deadlines: { enterprise: '2025-07-27', recommender: '2025-08-01' } })
  expect(campaign('export', 'no-such').code).toBe(1)
}, 120_000)
