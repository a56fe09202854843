/**
 * The agreements a person accepts to use the product: their versions as data, in one place.
 * The texts are pages of the app (src/features/account/agreement-texts.tsx); a new version here
 * makes every session whose user agreed to an older one answer 403 CONSENT_REQUIRED until the
 * person agrees again (the app then shows the agreements).
 */
export const AGREEMENT_IDS = ['terms', 'privacy'] as const
export type AgreementId = (typeof AGREEMENT_IDS)[number]

export interface Agreement {
  id: AgreementId
  /** Changed whenever the text changes in substance; people are asked again. */
  version: string
  title: string
  /** Effective date, YYYY-MM-DD (a calendar date in China). */
  effective: string
}

export const AGREEMENTS: readonly Agreement[] = [
  { id: 'terms', version: '2026-12-03', title: '用户服务协议', effective: '2026-12-03' },
  { id: 'privacy', version: '2026-12-03', title: '隐私政策', effective: '2026-12-03' }
]

export function agreementOf(id: AgreementId): Agreement {
  return AGREEMENTS.find((a) => a.id === id)!
}

/** The current agreements as `id@version` pairs, comma-separated: what the sign-in start carries. */
export function agreementsParam(list: readonly Pick<Agreement, 'id' | 'version'>[] = AGREEMENTS): string {
  return list.map((a) => `${a.id}@${a.version}`).join(',')
}

/** The current agreements named in `id@version` pairs; older versions and unknown names are left out. */
export function currentAgreementsIn(pairs: readonly { id: string; version: string }[]): Agreement[] {
  return AGREEMENTS.filter((a) => pairs.some((p) => p.id === a.id && p.version === a.version))
}

/** `terms@v1,privacy@v1` → pairs (malformed parts ignored). */
export function parseAgreementsParam(param: string): { id: string; version: string }[] {
  return param
    .split(',')
    .map((part) => /^([a-z]+)@([\w.-]{1,40})$/.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: m[1], version: m[2] }))
}
