import { useCallback, useMemo, useState } from 'react'
import type { CampaignDefinition, StepDefinition } from '../../../../types/campaign'
import { completeness, gateStop, validateStep, visibleSteps, type Answers, type ApplicantUnitType, type Completeness, type FieldIssue } from '../../../../types/engine'

export interface StepMachine {
  steps: StepDefinition[]
  index: number
  step: StepDefinition
  completeness: Completeness
  /** Problems of the visible fields of this step (with the eligibility rules on them). */
  issues: FieldIssue[]
  /** A 涉密-style gate answered with its stopping value. */
  stop: { field: string; message: string } | null
  /** Steps whose “下一步” was tried: everything wrong there is shown. */
  attempted: Set<string>
  canJump: (index: number) => boolean
  /** Moves to a visible step by index (no checks: back, jumps, read-only browsing). */
  goTo: (index: number) => void
  /** Checks the step; returns its problems (none: the caller moves on). */
  attempt: () => FieldIssue[]
}

/** The step the id names, or — when that step is hidden now — the nearest visible one before it. */
function indexOfStep(def: CampaignDefinition, steps: StepDefinition[], id: string): number {
  const i = steps.findIndex((s) => s.id === id)
  if (i >= 0) return i
  const order = def.steps.findIndex((s) => s.id === id)
  let best = 0
  steps.forEach((s, j) => {
    if (def.steps.findIndex((x) => x.id === s.id) <= order) best = j
  })
  return best
}

/**
 * Steps as the engine sees the answers: which are visible, how complete, what is wrong in the
 * current one. Every rule comes from the engine; this only keeps the position.
 */
export function useSteps(
  def: CampaignDefinition,
  answers: Answers,
  unitType: ApplicantUnitType,
  initialStep: string,
  onStepChange: (step: StepDefinition) => void
): StepMachine {
  const [stepId, setStepId] = useState(initialStep)
  const [attempted, setAttempted] = useState<Set<string>>(() => new Set())
  const steps = useMemo(() => visibleSteps(def, answers, unitType), [def, answers, unitType])
  const index = indexOfStep(def, steps, stepId)
  const step = steps[index]
  const comp = useMemo(() => completeness(def, answers, unitType), [def, answers, unitType])
  const issues = useMemo(() => (step ? validateStep(def, step.id, answers, unitType) : []), [def, step, answers, unitType])
  const stop = useMemo(() => gateStop(def, answers, unitType), [def, answers, unitType])

  const done = useMemo(() => new Map(comp.steps.map((s) => [s.id, s.done])), [comp])
  const canJump = useCallback(
    (i: number) => i <= index || done.get(steps[i]?.id) === true || steps.slice(0, i).every((s) => done.get(s.id)),
    [index, done, steps]
  )

  const goTo = useCallback(
    (i: number) => {
      const target = steps[i]
      if (!target) return
      setStepId(target.id)
      onStepChange(target)
    },
    [steps, onStepChange]
  )

  const attempt = useCallback(() => {
    if (issues.length && step) setAttempted((s) => (s.has(step.id) ? s : new Set(s).add(step.id)))
    return issues
  }, [issues, step])

  return { steps, index, step, completeness: comp, issues, stop, attempted, canJump, goTo, attempt }
}
