/** The bureau's campaign studio: what its screens and the server exchange. */
import type { CampaignDefinition } from './campaign'
import type { DefinitionProblem } from './validate-definition'

/** draft: never published; published: enterprises see it; unpublished: taken down. */
export type StudioState = 'draft' | 'published' | 'unpublished'

export interface StudioSummary {
  id: string
  title: string
  state: StudioState
  /** The published version, null before the first publication. */
  version: number | null
  /** Unpublished edits are waiting in the studio. */
  hasDraft: boolean
  updatedAt: string
}

export interface StudioVersion {
  version: number
  source: string
  createdAt: string
  createdBy: string | null
}

export interface StudioAuditEntry {
  action: string
  actor: string | null
  version: number | null
  at: string
  detail: Record<string, unknown>
}

export interface StudioCampaign extends StudioSummary {
  /** The working copy: the draft when there is one, else the published definition. May be invalid. */
  definition: unknown
  published: CampaignDefinition | null
  /** What the schema finds wrong with the working copy, by path (empty: ready to publish). */
  problems: DefinitionProblem[]
  versions: StudioVersion[]
  audit: StudioAuditEntry[]
}

/** How a new campaign starts. */
export type StudioStart = { from: 'blank' } | { from: 'copy'; campaignId: string } | { from: 'json'; definition: unknown }

/** Names the studio shows for audit actions. */
export const STUDIO_ACTION_LABELS: Record<string, string> = {
  create: '新建',
  edit: '保存草稿',
  discard: '放弃草稿',
  publish: '发布',
  unpublish: '下线',
  close: '提前结束填报',
  move_deadline: '调整截止时间',
  import: '命令行导入',
  seed: '随版本部署'
}
