/**
 * `npm run campaign -- validate FILE | import FILE | export ID`: the operator's way to the same
 * validator and the same change rules as the bureau's studio. `validate` checks a file alone;
 * `import` publishes it as the campaign's next version (refused, with every problem by path,
 * when it would orphan answers already given); `export` prints the current version as JSON.
 * Works on DATABASE_URL, or on the embedded database in DATA_DIR while the product is stopped.
 * Exits 0 when done, 1 with the problems listed, 2 on a usage error.
 */
import path from 'node:path'
import { describeProblems, readDefinitionFile } from '../../campaigns'
import { publishVersion } from '../campaigns'
import { loadConfig } from '../config'
import { openDb, type Db } from '../db'
import { migrate } from '../db/migrate'
import { AppError } from '../errors'

const USAGE = '用法：npm run campaign -- validate <文件.json> | import <文件.json> | export <活动编号>'

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const db = await openDb(config.databaseUrl, config.dataDir)
  try {
    await migrate(db)
    return await fn(db)
  } finally {
    await db.close()
  }
}

function read(file: string) {
  const result = readDefinitionFile(path.resolve(file))
  if (!result.ok) {
    console.error(describeProblems(`${file} 无效`, result.problems))
    process.exit(1)
  }
  return result.definition
}

async function main() {
  const [command, arg] = process.argv.slice(2)
  if (!arg || !['validate', 'import', 'export'].includes(command)) {
    console.error(USAGE)
    process.exit(2)
  }
  if (command === 'validate') {
    const def = read(arg)
    console.log(`有效：${def.id}（${def.title}），${def.steps.length} 步，${def.steps.reduce((n, s) => n + s.fields.length, 0)} 个字段`)
    return
  }
  if (command === 'import') {
    const def = read(arg)
    await withDb(async (db) => {
      try {
        const published = await publishVersion(db, def, { source: 'cli', action: 'import' }, Date.now())
        console.log(published.changed ? `已发布 ${def.id} 第 ${published.version} 版` : `${def.id} 与第 ${published.version} 版相同，未改动`)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        const problems = (err.fields ?? []).map((f) => ({ path: f.field, message: f.message }))
        console.error(describeProblems(`${arg} 不能发布`, problems.length ? problems : [{ path: '', message: err.message }]))
        process.exitCode = 1
      }
    })
    return
  }
  await withDb(async (db) => {
    const [row] = await db.query<{ definition: unknown }>('SELECT definition FROM campaigns WHERE id = $1', [arg])
    if (!row) {
      console.error(`没有编号为 ${arg} 的征集活动`)
      process.exitCode = 1
      return
    }
    console.log(JSON.stringify(row.definition, null, 2))
  })
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
