import { matchesFormat } from '../../../types/engine'
import { PhoneLink } from './index'

/** Runs of digits and hyphens long enough to be a phone number; each is then checked by the engine's rule. */
const NUMBER_RUNS = /(\d[\d-]{5,}\d)/

/**
 * A text as written, with every phone number in it (what the `phone` format accepts: a
 * landline with its area code, or a mobile) as a PhoneLink, e.g. in a return reason or a message.
 */
export function PhoneText({ text }: { text: string }) {
  const parts = text.split(NUMBER_RUNS)
  return <>{parts.map((part, i) => (i % 2 === 1 && matchesFormat('phone', part) ? <PhoneLink key={i} phone={part} /> : part))}</>
}
