/**
 * Opening a demand on this device: the server copy, the phone's copy and the campaign, and
 * which of the two copies to continue from.
 */
import type { CampaignDefinition } from '../../../types/campaign'
import { prefillFromProfile } from '../../../types/carry-over'
import type { Demand, Profile, UnitType } from '../../../types/domain'
import { sameAnswers, type Answers } from '../../../types/engine'
import { ApiError, toApiError } from '../../services/http'
import { loadMe } from '../../services/session'
import { getCampaign } from '../campaigns/api'
import { getDemand, type CampaignForWizard } from './api'
import { readDraft, type LocalDraft } from './draft-store'

export interface OpenedDemand {
  demandId: string
  /** The server's copy; null when it could not be reached (the phone's copy is shown). */
  demand: Demand | null
  campaign: CampaignForWizard
  def: CampaignDefinition
  /** undefined when unknown (offline): eligibility rules are then not checked here. */
  unitType: UnitType | '' | undefined
  /** The applicant's 统一社会信用代码 (its registered district picks the recommending units); undefined offline. */
  creditCode?: string
  /** The profile, whose unit and contact data fill those fields while empty; undefined offline. */
  profile?: Profile
  local: LocalDraft | undefined
  /** Why the server copy is missing: 'offline' or 'signed-out'. */
  unreachable?: 'offline' | 'signed-out'
}

export async function openDemand(demandId: string): Promise<OpenedDemand> {
  const local = readDraft(demandId)
  // Who is signed in does not depend on the demand: asked at the same time (one round trip fewer
  // before the step can paint); offline or refused, the phone's knowledge stays.
  const me = loadMe().catch(() => null)
  let demand: Demand | null = null
  let unreachable: OpenedDemand['unreachable']
  try {
    demand = await getDemand(demandId)
  } catch (e) {
    const err = toApiError(e)
    // Without the server, continue from the phone's copy when there is one.
    if (!local || !(err.status === 0 || err.isUnauthenticated)) throw err
    unreachable = err.status === 0 ? 'offline' : 'signed-out'
  }
  const campaignId = demand?.campaignId ?? local!.campaignId
  const campaign: CampaignForWizard = await getCampaign(campaignId, { fresh: true })
  let unitType: OpenedDemand['unitType'] = local?.unitType as UnitType | '' | undefined
  let creditCode: string | undefined
  let profile: Profile | undefined
  const signedInAs = unreachable ? null : await me
  if (signedInAs) ({ unitType, creditCode } = profile = signedInAs.profile)
  return { demandId, demand, campaign, def: campaign.definition, unitType, creditCode, profile, local, unreachable }
}

export type Resume =
  /** Continue from these answers; `unsent` when the phone holds edits to send at once. */
  | { kind: 'continue'; answers: Answers; baseVersion: number; baseAnswers: Answers; step: string; unsent: boolean }
  /** The phone's unsent edits were made on an older server copy: the person must choose. */
  | { kind: 'conflict'; local: LocalDraft; server: Demand }

/**
 * Which copy to continue from (copyToResume), with the empty unit and contact fields filled from
 * the profile as it is now (a profile changed since fills them too; what was typed stays): then
 * there is something to send.
 */
export function chooseResume(opened: OpenedDemand): Resume {
  const resume = copyToResume(opened)
  if (resume.kind !== 'continue' || !opened.profile || opened.demand?.readOnly !== false) return resume
  const { answers, filled } = prefillFromProfile(opened.def, resume.answers, opened.profile)
  return filled.length ? { ...resume, answers, unsent: true } : resume
}

/**
 * The server copy, at its current step, unless the phone holds unsent edits: made on the same
 * server version → keep them and send them; made on an older version → a conflict (unless both
 * say the same).
 */
function copyToResume(opened: OpenedDemand): Resume {
  const { demand, local } = opened
  if (!demand) {
    if (!local) throw new ApiError(0, { code: 'NETWORK', message: '网络不可用，请检查网络后重试' })
    return { kind: 'continue', answers: local.answers, baseVersion: local.baseVersion, baseAnswers: local.baseAnswers, step: local.currentStep, unsent: local.dirty }
  }
  const server = { kind: 'continue' as const, answers: demand.answers, baseVersion: demand.version, baseAnswers: demand.answers, step: demand.currentStep, unsent: false }
  if (!local || !local.dirty) return server
  if (local.baseVersion === demand.version) {
    return { kind: 'continue', answers: local.answers, baseVersion: demand.version, baseAnswers: demand.answers, step: local.currentStep, unsent: true }
  }
  if (sameAnswers(local.answers, demand.answers)) return server
  if (demand.readOnly) {
    // Nothing can be saved any more: show what this phone holds, read-only, so it can be copied.
    return { kind: 'continue', answers: local.answers, baseVersion: demand.version, baseAnswers: demand.answers, step: local.currentStep, unsent: true }
  }
  return { kind: 'conflict', local, server: demand }
}
