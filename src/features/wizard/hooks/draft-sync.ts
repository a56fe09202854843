/**
 * Keeps one demand's draft safe: every edit goes to the phone's storage at once and to the
 * server after a pause in typing (debounced), on step change and when the app is hidden.
 * Every save names the server version it was based on; the answer decides what happens:
 *
 *   saved           → the new version becomes the base;
 *   network failure → 离线, retried with backoff and as soon as the network is back;
 *   401             → signed out: kept on the phone, sent after signing in again;
 *   403 / locked    → closed: nothing more is sent, what was typed stays on screen;
 *   409 conflict    → the current server copy is fetched and the person chooses per field.
 *
 * Plain TypeScript (no React) so that its rules can be read in one place.
 */
import type { Demand, SaveResult } from '../../../../types/domain'
import { sameAnswers, type Answers } from '../../../../types/engine'
import { toApiError } from '../../../services/http'
import { saveDraft as apiSaveDraft, getDemand as apiGetDemand } from '../api'
import { writeDraft, type LocalDraft } from '../draft-store'

export type SaveStatus =
  | { kind: 'saved'; savedAt?: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'retrying'; message: string }
  | { kind: 'signed-out' }
  | { kind: 'held'; message: string }
  | { kind: 'conflict'; server: Demand }
  | { kind: 'closed'; message: string; code?: string }
  | { kind: 'failed'; message: string }

export interface DraftSnapshot {
  status: SaveStatus
  /** The server version the working copy is based on. */
  version: number
  dirty: boolean
}

/** The working copy to keep in sync (as the phone keeps it); `dirty`: edits the server has not acknowledged. */
export interface DraftSyncOptions extends Omit<LocalDraft, 'editedAt'> {
  /** Set when nothing may be saved any more (deadline passed): the status starts closed. */
  closedMessage?: string
  /** Pause after the last edit before saving (≤ 2 s including the request). */
  debounceMs?: number
  /** Longest an edit waits while the person keeps typing without a pause. */
  maxWaitMs?: number
  /** A reason not to send these answers (e.g. a 涉密 gate answered “yes”), or null. */
  holdReason?: (answers: Answers) => string | null
  save?: (id: string, body: { baseVersion: number; answers: Answers; currentStep: string }) => Promise<SaveResult>
  fetchCurrent?: (id: string) => Promise<Demand>
}

/**
 * The sync of each demand whose wizard is open, so that other pages (the review page) save
 * through it instead of racing it with a second writer.
 */
export const openDrafts = new Map<string, DraftSync>()

const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 30_000

export class DraftSync {
  private readonly opts: DraftSyncOptions
  private answers: Answers
  private baseAnswers: Answers
  private currentStep: string
  private version: number
  private dirty: boolean
  /** Bumped on every edit: a save acknowledges only the revision it sent. */
  private revision = 0
  private status: SaveStatus
  private debounceTimer: ReturnType<typeof setTimeout> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private attempts = 0
  /** When the oldest edit not yet sent was made (for maxWait). */
  private pendingSince: number | null = null
  private inflight: Promise<void> | null = null
  private again = false
  private disposed = false
  private listeners = new Set<() => void>()
  private snapshot: DraftSnapshot

  constructor(opts: DraftSyncOptions) {
    this.opts = opts
    this.answers = opts.answers
    this.baseAnswers = opts.baseAnswers
    this.currentStep = opts.currentStep
    this.version = opts.baseVersion
    this.dirty = opts.dirty
    this.status = opts.closedMessage
      ? { kind: 'closed', message: opts.closedMessage, code: 'DEADLINE_PASSED' }
      : opts.dirty
        ? { kind: 'pending' }
        : { kind: 'saved' }
    this.snapshot = this.makeSnapshot()
    this.persist()
  }

  // ---- reading ---------------------------------------------------------------------------------
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): DraftSnapshot => this.snapshot

  get base(): Answers {
    return this.baseAnswers
  }

  get id(): string {
    return this.opts.demandId
  }

  get working(): Answers {
    return this.answers
  }

  // ---- writing ---------------------------------------------------------------------------------
  /** A change by the person: stored on the phone now, sent after the pause. */
  edit(answers: Answers): void {
    if (this.isClosed()) return
    this.answers = answers
    this.revision++
    this.dirty = true
    this.persist()
    if (this.status.kind === 'conflict') return this.emit()
    const hold = this.opts.holdReason?.(answers) ?? null
    if (hold) {
      this.clearDebounce()
      return this.setStatus({ kind: 'held', message: hold })
    }
    if (this.status.kind !== 'offline' && this.status.kind !== 'signed-out' && this.status.kind !== 'retrying') {
      this.setStatus(this.status.kind === 'saving' ? this.status : { kind: 'pending' })
    } else this.emit()
    this.schedule()
  }

  /** Moving to another step: kept, and saved at once. */
  setStep(stepId: string): Promise<void> {
    if (this.isClosed() || stepId === this.currentStep) return this.flush()
    this.currentStep = stepId
    this.revision++
    this.dirty = true
    this.persist()
    return this.flush()
  }

  /** Sends now what is not yet on the server (step change, app hidden, network back, signed in again). */
  flush = (): Promise<void> => {
    this.clearDebounce()
    if (this.disposed && !this.dirty) return Promise.resolve()
    if (!this.dirty || this.isClosed() || this.status.kind === 'conflict') return this.inflight ?? Promise.resolve()
    const hold = this.opts.holdReason?.(this.answers) ?? null
    if (hold) {
      this.setStatus({ kind: 'held', message: hold })
      return Promise.resolve()
    }
    if (this.inflight) {
      this.again = true
      // Done once what changed since that save began is saved too, by the save that `again` starts
      // as soon as this one ends (the review page must not find those words unsent).
      return this.inflight.then(() => this.inflight ?? undefined)
    }
    this.clearRetry()
    this.pendingSince = null
    const sent = { answers: this.answers, currentStep: this.currentStep, revision: this.revision, baseVersion: this.version }
    this.setStatus({ kind: 'saving' })
    const save = this.opts.save ?? apiSaveDraft
    this.inflight = save(this.opts.demandId, { baseVersion: sent.baseVersion, answers: sent.answers, currentStep: sent.currentStep })
      .then((res) => this.onSaved(res, sent))
      .catch((e) => this.onFailed(e))
      .finally(() => {
        this.inflight = null
        if (this.again) {
          this.again = false
          void this.flush()
        }
      })
    return this.inflight
  }

  /** The person chose, per field, between this phone's and the server's values. */
  resolveConflict(merged: Answers, server: Demand): Promise<void> {
    this.version = server.version
    this.baseAnswers = server.answers
    this.answers = merged
    this.revision++
    this.dirty = !sameAnswers(merged, server.answers) || server.currentStep !== this.currentStep
    this.attempts = 0
    this.persist()
    if (!this.dirty) {
      this.setStatus({ kind: 'saved', savedAt: server.updatedAt })
      return Promise.resolve()
    }
    this.setStatus({ kind: 'pending' })
    return this.flush()
  }

  /**
   * The demand as the server has it, fetched when the page is shown again: taken over (and true
   * returned) when it was saved elsewhere after this phone's last save and nothing is unsent
   * here. A copy read before this phone's own latest save came back is older, not another
   * device's, and is left alone: taking it would put back what the person had just replaced.
   */
  takeOver(server: Demand): boolean {
    if (this.dirty || this.status.kind !== 'saved' || server.readOnly || server.version <= this.version) return false
    void this.resolveConflict(server.answers, server)
    return true
  }

  /** The network is back or the person signed in again: try at once. */
  retryNow = (): void => {
    if (this.status.kind === 'offline' || this.status.kind === 'retrying' || this.status.kind === 'signed-out' || this.status.kind === 'pending') {
      this.attempts = 0
      void this.flush()
    }
  }

  dispose(): void {
    this.disposed = true
    this.clearDebounce()
    this.clearRetry()
    this.listeners.clear()
  }

  // ---- inside ----------------------------------------------------------------------------------
  private isClosed(): boolean {
    return this.status.kind === 'closed'
  }

  private onSaved(res: SaveResult, sent: { answers: Answers; revision: number }) {
    this.version = res.version
    this.baseAnswers = sent.answers
    this.attempts = 0
    if (this.revision === sent.revision) {
      this.dirty = false
      this.setStatus({ kind: 'saved', savedAt: res.savedAt })
    } else {
      // Typed while saving: send the rest after the pause.
      this.setStatus({ kind: 'pending' })
      this.schedule()
    }
    this.persist()
  }

  private async onFailed(e: unknown) {
    const err = toApiError(e)
    if (err.status === 0) return this.retryLater({ kind: 'offline' })
    if (err.isUnauthenticated) return this.setStatus({ kind: 'signed-out' })
    if (err.code === 'DEADLINE_PASSED' || err.code === 'DEMAND_LOCKED') return this.setStatus({ kind: 'closed', message: err.message, code: err.code })
    if (err.code === 'VERSION_CONFLICT') {
      try {
        const server = await (this.opts.fetchCurrent ?? apiGetDemand)(this.opts.demandId)
        if (server.readOnly) return this.setStatus({ kind: 'closed', message: '填报已截止，内容只能查看', code: 'DEADLINE_PASSED' })
        if (sameAnswers(server.answers, this.answers)) {
          // The same words are already there (e.g. our own save whose answer was lost).
          return this.resolveConflict(this.answers, server)
        }
        return this.setStatus({ kind: 'conflict', server })
      } catch (again) {
        const e2 = toApiError(again)
        if (e2.isUnauthenticated) return this.setStatus({ kind: 'signed-out' })
        return this.retryLater(e2.status === 0 ? { kind: 'offline' } : { kind: 'retrying', message: e2.message })
      }
    }
    if (err.status >= 500 || err.status === 429) return this.retryLater({ kind: 'retrying', message: err.message })
    // A refusal of the content itself: kept on the phone, tried again after the next edit.
    this.setStatus({ kind: 'failed', message: err.message })
  }

  private retryLater(status: SaveStatus) {
    this.setStatus(status)
    this.clearRetry()
    const delay = Math.min(RETRY_FIRST_MS * 2 ** this.attempts, RETRY_MAX_MS)
    this.attempts++
    if (this.disposed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, delay)
  }

  private schedule() {
    this.clearDebounce()
    if (this.disposed) return
    if (this.status.kind === 'offline' || this.status.kind === 'retrying' || this.status.kind === 'signed-out') return // waits for the retry / sign-in
    const now = Date.now()
    if (this.pendingSince === null) this.pendingSince = now
    const debounce = this.opts.debounceMs ?? 1_200
    const untilMax = this.pendingSince + (this.opts.maxWaitMs ?? 8_000) - now
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null
      void this.flush()
    }, Math.max(0, Math.min(debounce, untilMax)))
  }

  private clearDebounce() {
    if (this.debounceTimer) clearTimeout(this.debounceTimer)
    this.debounceTimer = null
  }

  private clearRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private persist() {
    writeDraft({
      demandId: this.opts.demandId,
      campaignId: this.opts.campaignId,
      baseVersion: this.version,
      baseAnswers: this.baseAnswers,
      answers: this.answers,
      currentStep: this.currentStep,
      dirty: this.dirty,
      editedAt: Date.now(),
      unitType: this.opts.unitType
    })
  }

  private setStatus(status: SaveStatus) {
    this.status = status
    this.emit()
  }

  private makeSnapshot(): DraftSnapshot {
    return { status: this.status, version: this.version, dirty: this.dirty }
  }

  private emit() {
    this.snapshot = this.makeSnapshot()
    for (const l of this.listeners) l()
  }
}
