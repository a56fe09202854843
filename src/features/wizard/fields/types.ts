import type { CampaignDefinition, FieldDefinition, RecommenderUnit } from '../../../../types/campaign'
import type { Applicant, FieldIssue } from '../../../../types/engine'

/** A new value, or a function of the latest one (for answers that arrive later, e.g. uploads). */
export type FieldValueUpdate = unknown | ((previous: unknown) => unknown)

export interface FieldContext {
  def: CampaignDefinition
  demandId: string
  /** After the deadline: values are shown as selectable text, nothing can change. */
  readOnly: boolean
  /** Shows a short “已删除 · 撤销” style message with an action. */
  notify: (message: string, action?: { text: string; run: () => void }) => void
  /** The studio's preview of a campaign: nothing is sent (picked files are listed, not uploaded). */
  preview?: boolean
  /** Who applies, for the recommending units offered (route, registered district); unknown offline. */
  applicant?: Applicant
}

export interface FieldProps<F extends FieldDefinition = FieldDefinition> {
  field: F
  value: unknown
  /** The problems to show now (already filtered by what the person has done). */
  issues: FieldIssue[]
  /** All problems of the field, for components that mark parts (rows, cells) themselves. */
  allIssues: FieldIssue[]
  /** The person tried to leave the step: show everything. */
  attempted: boolean
  onChange: (fieldId: string, update: FieldValueUpdate) => void
  onBlur: (fieldId: string) => void
  ctx: FieldContext
  /** Recommender fields: the units the answers' route and the applicant's district allow (`recommenderChoices`). */
  choices?: RecommenderUnit[]
}
