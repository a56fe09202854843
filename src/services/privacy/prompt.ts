/**
 * The privacy prompt the platform is waiting on: set when the platform says a privacy API needs
 * the person's agreement (onNeedPrivacyAuthorization), answered by the privacy sheet. One at a
 * time; the sheet of the page on top shows it.
 */
export type PrivacyAnswer = 'agree' | 'disagree'

export interface PrivacyPrompt {
  /** The API or component that asked, as the platform names it (e.g. `chooseMessageFile`). */
  referrer: string
  answer(answer: PrivacyAnswer): void
}

let current: PrivacyPrompt | null = null
const listeners = new Set<() => void>()

function emit() {
  for (const l of listeners) l()
}

export function currentPrivacyPrompt(): PrivacyPrompt | null {
  return current
}

/** For useSyncExternalStore: called whenever the prompt appears or is answered. */
export function subscribePrivacyPrompt(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Shows a prompt; `onAnswer` runs once, when the person answers. */
export function showPrivacyPrompt(referrer: string, onAnswer: (answer: PrivacyAnswer) => void): void {
  const prompt: PrivacyPrompt = {
    referrer,
    answer(answer) {
      if (current !== prompt) return
      current = null
      emit()
      onAnswer(answer)
    }
  }
  current = prompt
  emit()
}
