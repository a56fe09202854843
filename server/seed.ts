/**
 * Publishes the campaign files in `campaigns/` (every `*.json`, no list in code): a file not yet
 * in the database becomes a campaign, and a file changed since it was last seeded becomes the
 * campaign's next version, as long as nobody has edited that campaign since (the studio, the
 * command line or a moved deadline); from then on the database is the truth. For the demo, a
 * copy labelled 演示 has its dates shifted so that the enterprise deadline is ahead.
 * A bad file is reported with every problem and skipped: it never stops the product starting.
 * Without the demo, demo copies a development run left in the database are taken down.
 */
import path from 'node:path'
import { campaignFiles, demoCopy, describeProblems, readDefinitionFile } from '../campaigns'
import type { CampaignDefinition } from '../types/campaign'
import { publishVersion } from './campaigns'
import type { Db } from './db'
import { AppError } from './errors'

export interface SeedResult {
  published: string[]
  /** A line per file or campaign left as it was, with why. */
  skipped: string[]
}

export async function seedCampaigns(db: Db, now: number, withDemo: boolean, dir?: string): Promise<SeedResult> {
  const result: SeedResult = { published: [], skipped: [] }
  for (const file of campaignFiles(dir)) {
    const name = path.basename(file)
    const read = readDefinitionFile(file)
    if (!read.ok) {
      result.skipped.push(describeProblems(`活动定义 ${name} 无效，未发布`, read.problems))
      continue
    }
    const copies: Array<[CampaignDefinition, boolean]> = [[read.definition, false]]
    if (withDemo) copies.push([demoCopy(read.definition, now), true])
    for (const [def, isDemo] of copies) {
      const source = `file:${name}`
      const [latest] = await db.query<{ source: string }>(
        'SELECT source FROM campaign_versions WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1',
        [def.id]
      )
      if (latest && latest.source !== source) continue
      try {
        // a demo copy taken down by a start without the demo comes back with the demo
        const published = await publishVersion(db, def, { source, isDemo, action: 'seed', republish: isDemo }, now)
        if (published.changed) result.published.push(def.id)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        result.skipped.push(`${name}：${err.message}`)
      }
    }
  }
  if (!withDemo) {
    // Demo copies seeded in development never show on a database now run for real.
    const hidden = await db.query<{ id: string }>(`UPDATE campaigns SET state = 'unpublished' WHERE is_demo AND state = 'published' RETURNING id`)
    for (const { id } of hidden) result.skipped.push(`演示活动 ${id} 已下线（未开启 DEMO_SEED）`)
  }
  return result
}
