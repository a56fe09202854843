/**
 * Publishes the campaigns in `campaigns/`: each with its real dates, and, for the demo,
 * a copy labelled 演示 whose dates are shifted so that the enterprise deadline is ahead.
 */
import { CAMPAIGN_DEFINITIONS, demoCopy } from '../campaigns'
import { upsertCampaign } from './campaigns'
import type { Db } from './db'

export async function seedCampaigns(db: Db, now: number, withDemo: boolean): Promise<string[]> {
  const ids: string[] = []
  for (const def of CAMPAIGN_DEFINITIONS) {
    ids.push((await upsertCampaign(db, def, false)).id)
    if (withDemo) ids.push((await upsertCampaign(db, demoCopy(def, now), true)).id)
  }
  return ids
}
