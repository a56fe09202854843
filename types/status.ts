/**
 * The status machine of a demand, shared by the app and the server (pure: no I/O).
 *
 *   draft ─submit→ submitted ─review→ reviewing ─return→ returned ─submit→ submitted …
 *                  submitted / reviewing ─recommend→ recommended ─select→ selected
 *                                        ─not_recommend→ not_recommended   ─not_select→ not_selected
 *
 * Who may act and until when:
 * - the enterprise edits and (re)submits while the status is draft, submitted or returned,
 *   until the enterprise deadline;
 * - the recommending unit reviews, returns, recommends, does not recommend and re-ranks until
 *   the recommender deadline (inclusive day, campaign time zone); returning also needs the
 *   enterprise deadline ahead, or the enterprise could not revise;
 * - the bureau records the outcome (入选 / 未入选) of recommended demands once the recommender
 *   deadline has passed and the ranking is final.
 */
import type { CalendarDay, CampaignDefinition, CampaignTimezone } from './campaign'
import { deadlineInstant, isBeforeDeadline } from './deadline'
import { DEMAND_STATUS_LABELS, type DemandStatus, type Role } from './domain'
import { formatDeadlineDay } from './time'

export type StatusAction =
  | 'edit'
  | 'submit'
  | 'review'
  | 'return'
  | 'recommend'
  | 'not_recommend'
  | 'rerank'
  | 'select'
  | 'not_select'

export const STATUS_ACTION_LABELS: Record<StatusAction, string> = {
  edit: '修改需求',
  submit: '提交',
  review: '开始审核',
  return: '退回修改',
  recommend: '推荐',
  not_recommend: '不予推荐',
  rerank: '调整推荐排序',
  select: '入选',
  not_select: '未入选'
}

export interface Transition {
  action: StatusAction
  role: Role
  from: readonly DemandStatus[]
  to: DemandStatus
}

/** Every legal status change; anything else is refused by the server. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', role: 'enterprise', from: ['draft', 'submitted', 'returned'], to: 'submitted' },
  { action: 'review', role: 'recommender', from: ['submitted'], to: 'reviewing' },
  { action: 'return', role: 'recommender', from: ['submitted', 'reviewing'], to: 'returned' },
  { action: 'recommend', role: 'recommender', from: ['submitted', 'reviewing', 'not_recommended'], to: 'recommended' },
  { action: 'not_recommend', role: 'recommender', from: ['submitted', 'reviewing', 'recommended'], to: 'not_recommended' },
  { action: 'select', role: 'bureau', from: ['recommended', 'not_selected'], to: 'selected' },
  { action: 'not_select', role: 'bureau', from: ['recommended', 'selected'], to: 'not_selected' }
]

/**
 * The colour family a status shows in, the same on every page (the app's StatusTag maps a tone
 * to its colours): in progress, waiting on the enterprise, a positive result, or closed / not
 * started.
 */
export type StatusTone = 'progress' | 'attention' | 'positive' | 'muted'

export const DEMAND_STATUS_TONES: Record<DemandStatus, StatusTone> = {
  draft: 'muted',
  submitted: 'progress',
  reviewing: 'progress',
  returned: 'attention',
  recommended: 'positive',
  not_recommended: 'muted',
  selected: 'positive',
  not_selected: 'muted'
}

export interface StatusDisplay {
  label: string
  tone: StatusTone
}

/** How a status reads and which colour it shows in; an unknown status reads as itself. */
export function statusDisplay(status: DemandStatus): StatusDisplay {
  return { label: DEMAND_STATUS_LABELS[status] ?? status, tone: DEMAND_STATUS_TONES[status] ?? 'progress' }
}

/** Statuses in which the enterprise may still change its demand (before the deadline). */
export const EDITABLE_STATUSES: readonly DemandStatus[] = ['draft', 'submitted', 'returned']

/** Actions that are not status changes, with the statuses they apply to. */
const IN_PLACE: ReadonlyArray<{ action: StatusAction; role: Role; on: readonly DemandStatus[] }> = [
  { action: 'edit', role: 'enterprise', on: EDITABLE_STATUSES },
  { action: 'rerank', role: 'recommender', on: ['recommended'] }
]

/** Statuses the recommender's ranked list (and its quota) counts. */
export const RECOMMENDED_STATUSES: readonly DemandStatus[] = ['recommended', 'selected', 'not_selected']

export function canTransition(from: DemandStatus, to: DemandStatus, actorRole: Role): boolean {
  return TRANSITIONS.some((t) => t.role === actorRole && t.to === to && t.from.includes(from))
}

/** What a role may do to a demand in a status, leaving time aside (see nextActions). */
export function allowedActions(status: DemandStatus, role: Role): StatusAction[] {
  const moves = TRANSITIONS.filter((t) => t.role === role && t.from.includes(status)).map((t) => t.action)
  const inPlace = IN_PLACE.filter((a) => a.role === role && a.on.includes(status)).map((a) => a.action)
  // 'edit' before 'submit' reads naturally on the enterprise's screen.
  return [...inPlace.filter((a) => a === 'edit'), ...moves, ...inPlace.filter((a) => a !== 'edit')]
}

export interface DeadlineContext {
  /** Server time, epoch milliseconds. */
  now: number
  /** Inclusive last days in the campaign's time zone. */
  enterpriseDeadline: CalendarDay
  recommenderDeadline: CalendarDay
  timezone?: CampaignTimezone
}

export type ActionVerdict =
  | { ok: true; to: DemandStatus | null }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'DEADLINE_PASSED' | 'RECOMMENDER_DEADLINE_PASSED' | 'TOO_EARLY'; message: string }

/** A campaign's deadlines at `now` (epoch milliseconds). */
export const deadlineContext = (def: CampaignDefinition, now: number): DeadlineContext => ({
  now,
  enterpriseDeadline: def.deadlines.enterprise,
  recommenderDeadline: def.deadlines.recommender,
  timezone: def.timezone
})

const tzOf = (ctx: DeadlineContext): CampaignTimezone => ctx.timezone ?? 'Asia/Shanghai'

/**
 * Whether `role` may take `action` on a demand in `status` now; when not, a stable code and
 * a Chinese message saying why (the server sends both).
 */
export function checkAction(action: StatusAction, status: DemandStatus, role: Role, ctx: DeadlineContext): ActionVerdict {
  const tz = tzOf(ctx)
  const enterpriseOpen = isBeforeDeadline(ctx.now, ctx.enterpriseDeadline, tz)
  const recommenderOpen = isBeforeDeadline(ctx.now, ctx.recommenderDeadline, tz)
  const move = TRANSITIONS.find((t) => t.action === action && t.role === role)
  const inPlace = IN_PLACE.find((a) => a.action === action && a.role === role)
  if (!(move?.from.includes(status) || inPlace?.on.includes(status))) {
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: `需求当前状态为“${DEMAND_STATUS_LABELS[status]}”，不能${STATUS_ACTION_LABELS[action]}`
    }
  }
  if (role === 'enterprise' && !enterpriseOpen) {
    return {
      ok: false,
      code: 'DEADLINE_PASSED',
      message: `填报已于${formatDeadlineDay(ctx.enterpriseDeadline)}截止，需求只能查看，不能再修改`
    }
  }
  if (role === 'recommender' && !recommenderOpen) {
    return {
      ok: false,
      code: 'RECOMMENDER_DEADLINE_PASSED',
      message: `推荐已于${formatDeadlineDay(ctx.recommenderDeadline)}截止，推荐结果只能查看，不能再修改`
    }
  }
  if (action === 'return' && !enterpriseOpen) {
    return {
      ok: false,
      code: 'DEADLINE_PASSED',
      message: `企业填报已于${formatDeadlineDay(ctx.enterpriseDeadline)}截止，退回后企业无法再修改提交，不能退回；请直接推荐或不予推荐`
    }
  }
  if (role === 'bureau' && recommenderOpen) {
    return {
      ok: false,
      code: 'TOO_EARLY',
      message: `推荐单位可调整推荐至${formatDeadlineDay(ctx.recommenderDeadline)}，截止后才能确定入选结果`
    }
  }
  return { ok: true, to: move ? move.to : null }
}

export interface NextAction {
  action: StatusAction
  label: string
  /** The instant the action closes (ISO), null when no deadline applies. */
  until: string | null
  /** The same, as people read it (2025年7月20日 24:00). */
  untilText: string | null
}

export interface NextActions {
  /** What the person can do now. */
  actions: NextAction[]
  /** One Chinese sentence: where the demand stands, what can be done and until when. */
  message: string
  /** Nothing can be changed by this person now. */
  readOnly: boolean
}

/** What `role` can do now with a demand in `status`, and until when. */
export function nextActions(status: DemandStatus, role: Role, ctx: DeadlineContext): NextActions {
  const tz = tzOf(ctx)
  const ent = { day: ctx.enterpriseDeadline, text: formatDeadlineDay(ctx.enterpriseDeadline) }
  const rec = { day: ctx.recommenderDeadline, text: formatDeadlineDay(ctx.recommenderDeadline) }
  const closing = (action: StatusAction): { day: CalendarDay; text: string } | null => {
    if (role === 'enterprise') return ent
    if (role === 'recommender') {
      // Returning needs both: the unit still acting and the enterprise still able to revise.
      return action === 'return' && ent.day < rec.day ? ent : rec
    }
    return null
  }
  const actions: NextAction[] = allowedActions(status, role)
    .filter((a) => checkAction(a, status, role, ctx).ok)
    .filter((a) => a !== 'review') // opening the demand starts the review; not a button
    .map((action) => {
      const c = closing(action)
      return {
        action,
        label: STATUS_ACTION_LABELS[action],
        until: c ? new Date(deadlineInstant(c.day, tz)).toISOString() : null,
        untilText: c?.text ?? null
      }
    })
  const entOpen = isBeforeDeadline(ctx.now, ent.day, tz)
  const recOpen = isBeforeDeadline(ctx.now, rec.day, tz)
  return { actions, readOnly: actions.length === 0, message: describe(status, role, entOpen, recOpen, ent.text, rec.text) }
}

function describe(status: DemandStatus, role: Role, entOpen: boolean, recOpen: boolean, ent: string, rec: string): string {
  if (role === 'enterprise') {
    const closed = `填报已于${ent}截止，需求只能查看，不能再修改`
    switch (status) {
      case 'draft':
        return entOpen ? `草稿尚未提交，请在${ent}前填写完整并提交` : `草稿未提交，${closed}`
      case 'submitted':
        return entOpen
          ? `已提交，等待推荐单位审核；推荐单位开始审核前，您仍可修改并重新提交，截止${ent}`
          : `已提交，等待推荐单位审核；${closed}`
      case 'reviewing':
        return entOpen
          ? `推荐单位正在审核，暂不能修改；如被退回修改，可在${ent}前修改后重新提交`
          : `推荐单位正在审核；${closed}`
      case 'returned':
        return entOpen
          ? `已被退回修改，请按退回原因修改后在${ent}前重新提交`
          : `已被退回修改，但${closed}`
      case 'recommended':
        return `已获推荐，等待科技主管部门遴选；需求只能查看，不能再修改`
      case 'not_recommended':
        return recOpen
          ? `推荐单位暂未推荐，原因见进度记录；推荐单位可在${rec}前调整`
          : `未获推荐，原因见进度记录；需求只能查看`
      case 'selected':
        return '已入选，请留意科技主管部门的后续通知'
      case 'not_selected':
        return '未入选；需求只能查看'
    }
  }
  if (role === 'recommender') {
    if (!recOpen) return `推荐已于${rec}截止，只能查看`
    switch (status) {
      case 'draft':
        return '企业尚未提交'
      case 'submitted':
      case 'reviewing':
        return entOpen
          ? `可退回修改（至${ent}）、推荐或不予推荐（至${rec}）`
          : `企业填报已截止，不能再退回；可推荐或不予推荐，截止${rec}`
      case 'returned':
        return '已退回企业修改，等待企业重新提交'
      case 'recommended':
        return `已推荐，可调整排序或改为不予推荐，截止${rec}`
      case 'not_recommended':
        return `未推荐，可改为推荐，截止${rec}`
      case 'selected':
      case 'not_selected':
        return `科技主管部门已确定结果：${DEMAND_STATUS_LABELS[status]}`
    }
  }
  switch (status) {
    case 'recommended':
      return recOpen ? `推荐单位可调整推荐至${rec}，截止后可确定入选结果` : '可确定入选或未入选'
    case 'selected':
    case 'not_selected':
      return `已确定为“${DEMAND_STATUS_LABELS[status]}”，可更改`
    default:
      return `${DEMAND_STATUS_LABELS[status]}，只能查看`
  }
}

export type StepState = 'done' | 'current' | 'todo'

export interface StatusStep {
  key: 'submitted' | 'review' | 'recommendation' | 'outcome'
  label: string
  state: StepState
  /** The status the step shows now (e.g. 已退回修改 on the review step). */
  status: DemandStatus | null
}

/**
 * The four steps of the enterprise's status page with the current one highlighted:
 * 已提交 → 推荐单位审核 → 推荐结果 → 遴选结果.
 */
export function statusSteps(status: DemandStatus): StatusStep[] {
  const at: Record<DemandStatus, number> = {
    draft: -1,
    submitted: 0,
    reviewing: 1,
    returned: 1,
    recommended: 2,
    not_recommended: 2,
    selected: 3,
    not_selected: 3
  }
  const steps: Array<Omit<StatusStep, 'state' | 'status'>> = [
    { key: 'submitted', label: '已提交' },
    { key: 'review', label: '推荐单位审核' },
    { key: 'recommendation', label: '推荐结果' },
    { key: 'outcome', label: '遴选结果' }
  ]
  const i = at[status]
  return steps.map((s, n) => ({
    ...s,
    state: n < i ? 'done' : n === i ? 'current' : 'todo',
    status: n === i ? status : null
  }))
}
