/**
 * Publishes the campaigns in `campaigns/`: each with its real dates, and, for the demo,
 * a copy labelled 演示 whose dates are shifted so that the enterprise deadline is ahead.
 * Deadlines moved by the bureau since (campaign_deadline_changes) are kept.
 */
import { CAMPAIGN_DEFINITIONS, demoCopy } from '../campaigns'
import { upsertCampaign } from './campaigns'
import type { Db } from './db'
import { withMovedDeadlines } from './reminders'

export async function seedCampaigns(db: Db, now: number, withDemo: boolean): Promise<string[]> {
  const ids: string[] = []
  for (const def of CAMPAIGN_DEFINITIONS) {
    // a deadline the bureau moved wins over the file's
    ids.push((await upsertCampaign(db, await withMovedDeadlines(db, def), false)).id)
    if (withDemo) ids.push((await upsertCampaign(db, await withMovedDeadlines(db, demoCopy(def, now)), true)).id)
  }
  return ids
}
